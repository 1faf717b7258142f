/**
 * The one interface the workloads drive, with two implementations: our CollabClient (socket.io,
 * compiled into dist/api by the api build) and Hocuspocus's provider (raw WebSocket). Every
 * module is loaded through require() so that the bench, our client and the Hocuspocus provider
 * share one Yjs instance.
 *
 *   client.connected()        resolves once the transport is open
 *   client.open(name, doc)    resolves once the document had its first sync
 *   client.whenSaved()        ours: every update acknowledged (committed); Hocuspocus: applied in memory
 *   client.disconnect() / reconnect() / close()
 *   client.onAck(listener)    ours only: listener(ms) for each update acknowledgement, listener(null) when refused or timed out
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './servers.mjs';

const require = createRequire(import.meta.url);
export const Y = require('yjs');
const WebSocket = require('ws');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');

let ourClientModule;
function ourClient() {
  ourClientModule ??= require(join(repoRoot, 'dist/api/libs/shared/collab-client/src/index.js'));
  return ourClientModule;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

class OurClient {
  constructor({ url, cookie }) {
    const { CollabClient } = ourClient();
    this.client = new CollabClient({ url, cookie, socketOptions: { forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 2_000 } });
    this.sessions = [];
  }

  connected() {
    const socket = this.client.socket;
    if (socket.connected) return Promise.resolve();
    return withTimeout(
      new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      }),
      30_000,
      'connect',
    );
  }

  open(name, doc) {
    const session = this.client.open(name, doc);
    session.on('error', (error) => {
      if (error.code !== 'RATE_LIMITED') console.warn(`ours ${name}: ${error.code} ${error.message}`);
    });
    this.sessions.push(session);
    return withTimeout(session.whenSynced(), 60_000, `sync ${name}`);
  }

  whenSaved() {
    return Promise.all(this.sessions.map((session) => session.whenSaved()));
  }

  onAck(listener) {
    const socket = this.client.socket;
    const emitWithAck = socket.emitWithAck.bind(socket);
    socket.emitWithAck = (event, ...args) => {
      const started = performance.now();
      const reply = emitWithAck(event, ...args);
      // A refusal or a timeout (the client's 10 s) is reported as null: never acknowledged.
      if (event === 'doc:update') reply.then((answer) => listener(answer?.ok ? performance.now() - started : null), () => listener(null));
      return reply;
    };
  }

  disconnect() {
    this.client.socket.disconnect();
  }

  reconnect() {
    this.client.socket.connect();
  }

  close() {
    this.client.close();
  }
}

/** Hocuspocus's EventEmitter has no once(). */
function once(emitter, event, accept = () => true) {
  return new Promise((resolve) => {
    const listener = (...args) => {
      if (!accept(...args)) return;
      emitter.off(event, listener);
      resolve();
    };
    emitter.on(event, listener);
  });
}

class HocuspocusClient {
  constructor({ url }) {
    this.socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
    this.providers = [];
  }

  connected() {
    if (this.socket.status === 'connected') return Promise.resolve();
    return withTimeout(once(this.socket, 'open'), 30_000, 'connect');
  }

  open(name, doc) {
    const provider = new HocuspocusProvider({ websocketProvider: this.socket, name, document: doc });
    this.providers.push(provider);
    const synced = once(provider, 'synced');
    provider.attach();
    return withTimeout(synced, 60_000, `sync ${name}`);
  }

  whenSaved() {
    return Promise.all(
      this.providers.map((provider) =>
        provider.unsyncedChanges === 0 ? undefined : once(provider, 'unsyncedChanges', ({ number }) => number === 0),
      ),
    );
  }

  onAck() {
    throw new Error('Hocuspocus acknowledges nothing durable');
  }

  disconnect() {
    this.socket.disconnect();
  }

  reconnect() {
    void this.socket.connect();
  }

  close() {
    this.providers.forEach((provider) => provider.destroy());
    this.socket.destroy();
  }
}

/** A factory of clients for one running server. `index` spreads our clients over the demo accounts. */
export function clientFactory(kind, server, cookies) {
  if (kind === 'ours') return (index) => new OurClient({ url: server.url, cookie: cookies[index % cookies.length] });
  return () => new HocuspocusClient({ url: server.url });
}

export { withTimeout };
