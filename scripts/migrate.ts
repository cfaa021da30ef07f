import { runMigrations } from '@pk/database';
import { loadConfig } from '@pk/core';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const ran = await runMigrations(loadConfig().databaseUrl);
  console.log(ran.length ? `migrated: ${ran.join(', ')}` : 'migrations: nothing to apply');
}

main().catch((error) => {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exit(1);
});
