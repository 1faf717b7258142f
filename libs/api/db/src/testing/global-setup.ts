import { startEmbeddedPostgres } from '../embedded-postgres';
import { mkdtemp, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One PostgreSQL for the whole run: the server named by DATABASE_URL, or an embedded one in a
 * temporary folder. Each test file then works in a schema of its own (see test-app.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['DATABASE_URL']) {
    process.env['TEST_DATABASE_URL'] = process.env['DATABASE_URL'];
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'miroir-test-'));
  await chmod(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir, database: 'miroir_test' });
  process.env['TEST_DATABASE_URL'] = embedded.url;
  (globalThis as { miroirTestDatabase?: unknown }).miroirTestDatabase = { ...embedded, dataDir };
}
