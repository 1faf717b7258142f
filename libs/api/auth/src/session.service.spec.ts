import type { AppConfig } from '@miroir/api/core';
import { SessionService, hashToken } from './session.service';
import type { SessionsRepository } from './sessions.repository';

const DAY_MS = 86_400_000;

/** SessionsRepository's reads and `extend`, over one session row and its user. */
function fakeRepository(row: { id: string; userId: string; lastSeenAt: Date; expiresAt: Date; displayName: string } | null) {
  const extended: Array<{ id: string; lastSeenAt: Date; expiresAt: Date }> = [];
  const live = (id: string, now: Date) => (row && row.id === id && row.expiresAt > now ? row : null);
  const repository = {
    findLive: async (id: string, now: Date) => live(id, now),
    findLiveWithUser: async (id: string, now: Date) => live(id, now),
    extend: async (id: string, lastSeenAt: Date, expiresAt: Date) => void extended.push({ id, lastSeenAt, expiresAt }),
  } as unknown as SessionsRepository;
  return { repository, extended };
}

describe('SessionService.resolveUser (the socket handshake: session and user in one query)', () => {
  const config = { sessionTtlDays: 30 } as AppConfig;

  it('answers the user of a live session and slides its expiry exactly as resolve does', async () => {
    for (const lastSeenAgoMs of [DAY_MS / 2, DAY_MS * 2]) {
      const row = { id: hashToken('jeton'), userId: 'u1', lastSeenAt: new Date(Date.now() - lastSeenAgoMs), expiresAt: new Date(Date.now() + DAY_MS), displayName: 'Claire' };
      const viaResolve = fakeRepository(row);
      const viaResolveUser = fakeRepository(row);
      expect(await new SessionService(viaResolve.repository, config).resolve('jeton')).toBe('u1');
      expect(await new SessionService(viaResolveUser.repository, config).resolveUser('jeton')).toEqual({ id: 'u1', displayName: 'Claire' });
      // Slid only when last seen more than a day ago, to now + the session's lifetime.
      expect(viaResolveUser.extended.length).toBe(lastSeenAgoMs > DAY_MS ? 1 : 0);
      expect(viaResolveUser.extended.map(({ id }) => id)).toEqual(viaResolve.extended.map(({ id }) => id));
      for (const extension of viaResolveUser.extended) {
        expect(extension.expiresAt.getTime() - extension.lastSeenAt.getTime()).toBe(30 * DAY_MS);
      }
    }
  });

  it('refuses an unknown or expired token', async () => {
    const expired = fakeRepository({ id: hashToken('jeton'), userId: 'u1', lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1), displayName: 'Claire' });
    expect(await new SessionService(expired.repository, config).resolveUser('jeton')).toBeNull();
    expect(await new SessionService(expired.repository, config).resolveUser('autre')).toBeNull();
    expect(expired.extended).toEqual([]);
  });
});
