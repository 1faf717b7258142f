import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type DatabaseConnection } from './database-options';

// Any constant: instances that start together take turns on it.
const MIGRATION_LOCK_KEY = 720_461_953;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so that api replicas starting
 * together do not race to create the same tables.
 */
export async function runMigrations(connection: DatabaseConnection): Promise<void> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(connection), migrationsRun: false });
  await dataSource.initialize();
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.connect();
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  } finally {
    await lockHolder.release();
    await dataSource.destroy();
  }
}
