import type { RunningServer, createStorage } from './server';

export default async function globalTeardown(): Promise<void> {
  const e2e = (globalThis as { miroirE2e?: { server: RunningServer; storage: Awaited<ReturnType<typeof createStorage>> } }).miroirE2e;
  await e2e?.server.stop();
  await e2e?.storage.dispose();
}
