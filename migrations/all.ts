import { AppSchemas1764000000000 } from './1764000000000-app-schemas';
import { Identity1764000000001 } from './1764000000001-identity';

/** Every migration, in order. A new migration file is added here as well. */
export const ALL_MIGRATIONS = [AppSchemas1764000000000, Identity1764000000001];
