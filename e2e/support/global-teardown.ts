import type { RunningServer } from './server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { miroirE2eServer?: RunningServer }).miroirE2eServer?.cleanup();
}
