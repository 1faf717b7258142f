import { Inject, Injectable } from '@nestjs/common';
import { SessionService } from '@miroir/api/auth';
import { APP_CONFIG, FreshCoalescer, type AppConfig } from '@miroir/api/core';
import { SESSION_COOKIE_NAME, type PresenceUser } from '@miroir/shared/contracts';
import type { Socket } from 'socket.io';

/** Who is behind a connection, as every namespace keeps it in `socket.data`. */
export interface AuthenticatedConnection {
  userId: string;
  /** Taken from the session, never from the client. */
  user: Omit<PresenceUser, 'color'>;
}

/** The value of one cookie of a `Cookie` header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * NestJS guards do not run on connection, so the handshake of every namespace is authenticated in
 * socket.io middleware: the session cookie must be live, and a browser's Origin must be ours.
 */
@Injectable()
export class SocketAuthenticator {
  /**
   * Handshakes presenting the same cookie at once (a reconnection storm: every tab and device of
   * an account) share one lookup, never one that started before they arrived (see FreshCoalescer):
   * a session revoked or expired before a handshake arrives is refused exactly as before.
   */
  private readonly lookups = new FreshCoalescer<{ id: string; displayName: string } | null>();

  constructor(
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(handshake: Socket['handshake']): Promise<AuthenticatedConnection> {
    const origin = handshake.headers.origin;
    const allowed = [new URL(this.config.publicUrl).origin, ...this.config.allowedOrigins, `http://${handshake.headers.host}`, `https://${handshake.headers.host}`];
    if (origin && !allowed.includes(origin)) throw new Error('FORBIDDEN_ORIGIN');
    const token = readCookie(handshake.headers.cookie, SESSION_COOKIE_NAME);
    // One query: the live session joined to its user.
    const user = token ? await this.lookups.run(token, () => this.sessions.resolveUser(token)) : null;
    if (!user) throw new Error('UNAUTHENTICATED');
    return { userId: user.id, user: { id: user.id, name: user.displayName } };
  }
}
