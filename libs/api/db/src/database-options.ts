import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseConnection {
  url: string;
  /** Schema to work in: tests give each suite its own so they can share one database. */
  schema?: string;
}

export function buildDataSourceOptions(connection: DatabaseConnection): DataSourceOptions {
  return {
    type: 'postgres',
    url: connection.url,
    schema: connection.schema,
    migrations: MIGRATIONS,
    // Applied by runMigrations() before the app starts, under an advisory lock.
    migrationsRun: false,
    synchronize: false,
    extra: {
      max: 20,
      ...(connection.schema ? { options: `-c search_path=${connection.schema}` } : {}),
    },
  };
}
