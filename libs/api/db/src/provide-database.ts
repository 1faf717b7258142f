import { resolve } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ProvidedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL kept under `DATA_DIR`
 * (default `./.data`), so `npm start` needs no database server.
 */
export async function provideDatabase(env: NodeJS.ProcessEnv, log: (message: string) => void): Promise<ProvidedDatabase> {
  if (env['DATABASE_URL']) {
    return { url: env['DATABASE_URL'], embedded: false, stop: async () => undefined };
  }
  const dataDir = resolve(env['DATA_DIR'] ?? '.data');
  const handle = await startEmbeddedPostgres({ dataDir, database: 'miroir', log });
  return { url: handle.url, embedded: true, stop: handle.stop };
}
