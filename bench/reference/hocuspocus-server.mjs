/**
 * Reference server for `npm run bench`: a plain Hocuspocus 3.4.4 that stores each document as one
 * Yjs state in PostgreSQL (table bench_hocuspocus_documents of BENCH_SCHEMA) through the
 * onLoadDocument / onStoreDocument hooks, with Hocuspocus's default debounce (2 s, at most 10 s)
 * and unloading. No authentication: any document name is accepted.
 *
 * Environment: PORT, DATABASE_URL, BENCH_SCHEMA.
 */
import { Server } from '@hocuspocus/server';
import pg from 'pg';
import * as Y from 'yjs';

const port = Number(process.env.PORT ?? 0);
const schema = (process.env.BENCH_SCHEMA ?? 'public').replace(/[^a-z0-9_]/gi, '');
const table = `"${schema}".bench_hocuspocus_documents`;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (name text PRIMARY KEY, data bytea NOT NULL)`);

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  async onLoadDocument({ documentName, document }) {
    const { rows } = await pool.query(`SELECT data FROM ${table} WHERE name = $1`, [documentName]);
    if (rows[0]) Y.applyUpdate(document, rows[0].data);
  },
  async onStoreDocument({ documentName, document }) {
    const state = Y.encodeStateAsUpdate(document);
    await pool.query(`INSERT INTO ${table} (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`, [
      documentName,
      Buffer.from(state.buffer, state.byteOffset, state.byteLength),
    ]);
  },
});

await server.listen();
console.log(`hocuspocus reference listening on 127.0.0.1:${server.address.port}`);
