import type { INestApplication } from '@nestjs/common';
import { readCollabConfig } from '@miroir/api/collab';
import { readRealtimeConfig } from '@miroir/api/realtime';
import { readAppConfig } from '@miroir/api/core';
import { DemoSeedService } from '@miroir/api/demo-seed';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/create-app';

export interface TestApp {
  app: INestApplication;
  /** The PostgreSQL schema the app works in. */
  schema: string;
  /** Where the app listens (for socket.io clients). */
  url: string;
  /** The session cookie of a demo account, for socket.io clients. */
  cookieFor(email: string, password?: string): Promise<string>;
  /** A supertest agent that keeps cookies, signed in as the given demo account. */
  signIn(email: string, password?: string): Promise<request.Agent>;
  anonymous(): request.Agent;
  close(): Promise<void>;
}

function databaseUrl(): string {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through the jest "integration" project');
  return url;
}

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestAppOptions {
  /**
   * Share the schema of an app already started (a second api instance on the same database):
   * it is neither created, nor seeded, nor dropped by this app's close().
   */
  schema?: string;
}

/** The whole api on a schema of its own, migrated and seeded with the demo workspace. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const ownsSchema = options.schema === undefined;
  const schema = options.schema ?? `test_${randomBytes(6).toString('hex')}`;
  if (ownsSchema) await withClient((client) => client.query(`CREATE SCHEMA ${schema}`));
  const app = await createApp({
    config: readAppConfig(env, 0),
    collab: readCollabConfig(env),
    realtime: readRealtimeConfig(env),
    database: { url: databaseUrl(), schema },
    logLevel: 'silent',
  });
  await app.listen(0, '127.0.0.1');
  if (ownsSchema) await app.get(DemoSeedService).seedIfEmpty();
  const server = app.getHttpServer();
  const url = await app.getUrl();

  return {
    app,
    schema,
    url: url.replace('[::1]', '127.0.0.1'),
    anonymous: () => request.agent(server),
    async cookieFor(email, password = 'miroir-demo') {
      const response = await request(server).post('/api/auth/login').send({ email, password }).expect(200);
      return String(response.headers['set-cookie']).split(';')[0] as string;
    },
    async signIn(email, password = 'miroir-demo') {
      const agent = request.agent(server);
      await agent.post('/api/auth/login').send({ email, password }).expect(200);
      return agent;
    },
    async close() {
      await app.close();
      if (ownsSchema) await withClient((client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
    },
  };
}
