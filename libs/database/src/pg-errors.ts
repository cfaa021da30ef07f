import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/**
 * The unique constraint a failed query broke, or null for any other error. Services turn it into
 * the 409 a person can act on (email taken, slug taken, SKU taken); the constraint is the race's
 * referee, so the name says which clash it was.
 */
export function violatedUnique(error: unknown): { constraint: string } | null {
  if (!(error instanceof QueryFailedError)) return null;
  const pg = error.driverError as { code?: string; constraint?: string };
  return pg?.code === UNIQUE_VIOLATION ? { constraint: pg.constraint ?? '' } : null;
}
