import { existsSync } from 'node:fs';
import { buildApp, createStorage, startServer } from './server';

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Builds the app once and serves it for every browser test of the run. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (the tests never download a browser)`);
  }
  buildApp();
  const storage = await createStorage();
  const server = await startServer(storage);
  process.env['E2E_BASE_URL'] = server.url;
  (globalThis as { miroirE2e?: unknown }).miroirE2e = { server, storage };
}
