import { v7 as uuidv7, validate, version } from 'uuid';

/** Public ids are UUID v7: unguessable enough for URLs, and ordered by creation for indexes. */
export const newId = (): string => uuidv7();

export const isUuid = (value: unknown): value is string => typeof value === 'string' && validate(value);
export const isUuidV7 = (value: unknown): boolean => isUuid(value) && version(value) === 7;
