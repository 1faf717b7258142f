import type { EmbeddedPostgresHandle } from '../embedded-postgres';
import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { miroirTestDatabase?: EmbeddedPostgresHandle & { dataDir: string } }).miroirTestDatabase;
  if (!embedded) return;
  await embedded.stop();
  await rm(embedded.dataDir, { recursive: true, force: true });
}
