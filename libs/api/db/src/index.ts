export * from './database-options';
export * from './embedded-postgres';
export * from './provide-database';
export * from './run-migrations';
export * from './axis-row-lock';
