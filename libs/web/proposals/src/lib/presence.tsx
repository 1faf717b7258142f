import { useTranslation } from '@miroir/web/i18n';
import { useCallback, useId, useRef, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';

export interface Presence {
  key: string;
  name: string;
  color: string;
  self: boolean;
}

const VALID_COLOR = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOR = '#666666';

interface PresenceUserState {
  id?: unknown;
  name?: unknown;
  color?: unknown;
}

/**
 * Everyone present in the document, yourself first: one entry per person (the server stamps
 * each state's `user` with the session's identity, so a person with two tabs appears once).
 */
export function presencesOf(awareness: Awareness, selfId: string): Presence[] {
  const selfClientId = awareness.clientID;
  const byKey = new Map<string, Presence>();
  const entries = [...awareness.getStates().entries()].sort(([a], [b]) => (a === selfClientId ? -1 : b === selfClientId ? 1 : a - b));
  for (const [clientId, state] of entries) {
    const user = (state as { user?: PresenceUserState } | null)?.user;
    if (!user || typeof user.name !== 'string' || !user.name) continue;
    const self = clientId === selfClientId || user.id === selfId;
    const key = self ? `user:${selfId}` : typeof user.id === 'string' ? `user:${user.id}` : `client:${clientId}`;
    if (byKey.has(key)) continue;
    byKey.set(key, { key, name: user.name, color: typeof user.color === 'string' && VALID_COLOR.test(user.color) ? user.color : FALLBACK_COLOR, self });
  }
  return [...byKey.values()];
}

function sameList(a: Presence[], b: Presence[]): boolean {
  return a.length === b.length && a.every((entry, index) => {
    const other = b[index] as Presence;
    return entry.key === other.key && entry.name === other.name && entry.color === other.color && entry.self === other.self;
  });
}

/** The presences of a document, re-rendering only when the list itself changes (not on cursor moves). */
export function usePresences(awareness: Awareness, selfId: string): Presence[] {
  const cache = useRef<Presence[]>([]);
  const subscribe = useCallback(
    (notify: () => void) => {
      awareness.on('change', notify);
      return () => awareness.off('change', notify);
    },
    [awareness],
  );
  return useSyncExternalStore(
    subscribe,
    () => {
      const next = presencesOf(awareness, selfId);
      if (!sameList(next, cache.current)) cache.current = next;
      return cache.current;
    },
  );
}

export function PresenceList({ presences }: { presences: Presence[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="presence" aria-labelledby={titleId}>
      <h3 id={titleId} className="presence__title">
        {t('proposal.presence.title')}
      </h3>
      <ul className="presence__list">
        {presences.map((presence) => (
          <li key={presence.key} className={presence.self ? 'presence__item presence__item--self' : 'presence__item'}>
            <span className="presence__dot" style={{ backgroundColor: presence.color }} aria-hidden="true" />
            <span className="presence__name">{presence.name}</span>
            {presence.self ? <span className="presence__you"> {t('proposal.presence.you')}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
