import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@miroir/api/core';
import { createHash, randomBytes } from 'node:crypto';
import { SessionsRepository } from './sessions.repository';

const DAY_MS = 86_400_000;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(userId: string): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlDays * DAY_MS);
    await this.sessions.create(hashToken(token), userId, expiresAt);
    return { token, expiresAt };
  }

  /** The user a token belongs to, sliding its expiry at most once a day. */
  async resolve(token: string): Promise<string | null> {
    const now = new Date();
    const session = await this.sessions.findLive(hashToken(token), now);
    if (!session) return null;
    await this.slide(session, now);
    return session.userId;
  }

  /**
   * The user a token belongs to and their display name, in one query (session joined to user),
   * sliding the session's expiry exactly as `resolve` does. Null when the session is not live or
   * its user no longer exists.
   */
  async resolveUser(token: string): Promise<{ id: string; displayName: string } | null> {
    const now = new Date();
    const found = await this.sessions.findLiveWithUser(hashToken(token), now);
    if (!found) return null;
    await this.slide(found, now);
    return { id: found.userId, displayName: found.displayName };
  }

  /** Slides the expiry of a session last seen more than a day ago. */
  private async slide(session: { id: string; lastSeenAt: Date }, now: Date): Promise<void> {
    if (now.getTime() - new Date(session.lastSeenAt).getTime() > DAY_MS) {
      await this.sessions.extend(session.id, now, new Date(now.getTime() + this.config.sessionTtlDays * DAY_MS));
    }
  }

  async revoke(token: string): Promise<void> {
    await this.sessions.delete(hashToken(token));
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
