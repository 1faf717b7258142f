import type { AppNotification } from '@miroir/shared/contracts';

export function makeNotification(overrides: Partial<AppNotification> & { id: string }, by = 'Claire Mistral'): AppNotification {
  return {
    kind: 'mention',
    payload: {
      workspaceId: 'ws-1',
      axisId: 'a-1',
      threadId: `t-${overrides.id}`,
      commentId: `c-${overrides.id}`,
      by: { userId: 'u-2', displayName: by },
    },
    createdAt: '2026-11-20T10:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

/** Two unread mentions and a read one, deliberately not in date order. */
export function sampleNotifications(): AppNotification[] {
  return [
    makeNotification({ id: 'n-1', createdAt: '2026-11-18T09:00:00.000Z', readAt: '2026-11-18T10:00:00.000Z' }, 'Antoine Bérard'),
    makeNotification({ id: 'n-2', createdAt: '2026-11-21T08:30:00.000Z' }),
    makeNotification({ id: 'n-3', createdAt: '2026-11-20T16:00:00.000Z' }, 'Julien Roumanille'),
  ];
}
