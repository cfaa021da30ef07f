import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations/all';

/** Applies every pending migration in migrations/ and returns the names it ran. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logging: ['error'],
  });
  await ds.initialize();
  try {
    const ran = await ds.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
