import { DataSource, DataSourceOptions, EntityManager, MixedList } from 'typeorm';

/**
 * Connection options for one app: its own schema first on the search_path, so it touches only
 * the tables it owns. `synchronize` is never on: migrations/ builds every schema.
 */
export function dataSourceOptions(
  url: string,
  schema: string,
  entities: MixedList<Function | string> = [],
  poolSize = 10,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema,
    entities,
    synchronize: false,
    migrationsRun: false,
    poolSize,
    extra: { options: `-c search_path=${schema}`, connectionTimeoutMillis: 10_000 },
  };
}

/** Runs `work` in one transaction; the manager it gets is the only one to write with. */
export function inTransaction<T>(ds: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(work);
}
