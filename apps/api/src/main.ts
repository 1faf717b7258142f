import 'reflect-metadata';
import { DemoSeedService } from '@miroir/api/demo-seed';
import { readCollabConfig } from '@miroir/api/collab';
import { readRealtimeConfig } from '@miroir/api/realtime';
import { readAppConfig } from '@miroir/api/core';
import { provideDatabase } from '@miroir/api/db';
import { resolve } from 'node:path';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const env = process.env;
  const port = Number(env['PORT'] ?? 3000);
  const database = await provideDatabase(env, (message) => {
    if (env['LOG_LEVEL'] === 'debug') console.log(`[postgres] ${message}`);
  });
  const app = await createApp({
    config: readAppConfig(env, port),
    collab: readCollabConfig(env),
    realtime: readRealtimeConfig(env),
    database: { url: database.url, schema: env['DATABASE_SCHEMA'] },
    webDistDir: resolve(env['WEB_DIST_DIR'] ?? 'dist/web'),
    logLevel: env['LOG_LEVEL'] ?? 'info',
  });
  // Seed the demo on the embedded database unless told not to; on a real server only when asked.
  const seedDemo = database.embedded ? env['SEED_DEMO'] !== '0' : env['SEED_DEMO'] === '1';
  if (seedDemo) await app.get(DemoSeedService).seedIfEmpty();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  await app.listen(port, env['HOST'] ?? '0.0.0.0');
  console.log(`Miroir is listening on http://localhost:${port} (${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
