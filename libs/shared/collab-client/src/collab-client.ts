import {
  REALTIME_NAMESPACE,
  SERVER_EVENTS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@miroir/shared/contracts';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { DocumentSession } from './document-session';

export interface CollabClientOptions {
  /** Origin of the api, e.g. `http://localhost:3000`; the page's own origin in the browser. */
  url: string;
  /** Session cookie (`miroir_session=…`) for Node clients; browsers send theirs. */
  cookie?: string;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

/** One socket to the api, carrying any number of co-edited documents. */
export class CollabClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly sessions = new Map<string, DocumentSession>();

  constructor(options: CollabClientOptions) {
    this.socket = io(`${options.url}${REALTIME_NAMESPACE}`, {
      transports: ['websocket'],
      withCredentials: true,
      ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
      ...options.socketOptions,
    });
    this.socket.on('connect', () => this.sessions.forEach((session) => void session.join()));
    this.socket.on('disconnect', () => this.sessions.forEach((session) => session.disconnected()));
    this.socket.on(SERVER_EVENTS.update, (message) => this.sessions.get(message.doc)?.applyRemoteUpdate(message));
    this.socket.on(SERVER_EVENTS.awareness, (message) => this.sessions.get(message.doc)?.applyRemoteAwareness(message));
    this.socket.on(SERVER_EVENTS.access, (event) => this.sessions.get(event.doc)?.accessChanged(event));
    this.socket.on(SERVER_EVENTS.error, (event) => {
      const targets = event.doc ? [this.sessions.get(event.doc)] : [...this.sessions.values()];
      targets.forEach((session) => session?.reportError(event));
    });
  }

  open(name: string, doc: Y.Doc, awareness?: Awareness): DocumentSession {
    if (this.sessions.has(name)) throw new Error(`Document ${name} is already open on this client`);
    const session = new DocumentSession(this.socket, name, doc, awareness);
    this.sessions.set(name, session);
    session.on('destroyed', () => this.sessions.delete(name));
    return session;
  }

  close(): void {
    this.sessions.forEach((session) => session.destroy());
    this.socket.disconnect();
  }
}
