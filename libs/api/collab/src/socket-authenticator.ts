import { Inject, Injectable } from '@nestjs/common';
import { SessionService, UsersRepository } from '@miroir/api/auth';
import { APP_CONFIG, type AppConfig } from '@miroir/api/core';
import { SESSION_COOKIE_NAME, type PresenceUser, type WorkspaceRole } from '@miroir/shared/contracts';
import type { Socket } from 'socket.io';
import type { TokenBucket } from './token-bucket';

export interface JoinedDocument {
  workspaceId: string;
  readOnly: boolean;
  /** Awareness client ids this connection claimed in the document. */
  presenceIds: Set<number>;
}

/** What the server keeps about a connection (`socket.data`). */
export interface ConnectionState {
  userId: string;
  /** Stamped on every presence this connection sends: taken from the session, never from the client (colour per document). */
  user: Omit<PresenceUser, 'color'>;
  documents: Map<string, JoinedDocument>;
  /** Role per workspace, kept current by membership events. */
  roles: Map<string, WorkspaceRole | null>;
  updates: TokenBucket;
  presence: TokenBucket;
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/**
 * NestJS guards do not run on connection, so the handshake is authenticated in socket.io
 * middleware: the session cookie must be live, and a browser's Origin must be ours.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly sessions: SessionService,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(handshake: Socket['handshake']): Promise<Pick<ConnectionState, 'userId' | 'user'>> {
    const origin = handshake.headers.origin;
    const allowed = [new URL(this.config.publicUrl).origin, ...this.config.allowedOrigins, `http://${handshake.headers.host}`, `https://${handshake.headers.host}`];
    if (origin && !allowed.includes(origin)) throw new Error('FORBIDDEN_ORIGIN');
    const token = readCookie(handshake.headers.cookie, SESSION_COOKIE_NAME);
    const userId = token ? await this.sessions.resolve(token) : null;
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw new Error('UNAUTHENTICATED');
    return { userId: user.id, user: { id: user.id, name: user.displayName } };
  }
}
