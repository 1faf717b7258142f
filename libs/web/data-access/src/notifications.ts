import type { AppNotification, PlanActivity } from '@miroir/shared/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { useLiveFallbackInterval } from './live';
import { queryKeys } from './query-keys';

const seg = encodeURIComponent;

/** One typed function per notifications / activity endpoint (see `libs/api/threads`). */
export const notificationsApi = {
  /** The caller's notifications, newest first (at most 100). */
  list: (signal?: AbortSignal) => apiRequest<AppNotification[]>('/api/notifications', { signal }),
  markRead: (notificationId: string) => apiRequest<AppNotification>(`/api/notifications/${seg(notificationId)}/read`, { method: 'POST' }),
  /** Per axis of the plan, what is new since the caller's last visit (axes with threads only). */
  planActivity: (planId: string, signal?: AbortSignal) => apiRequest<PlanActivity>(`/api/plans/${seg(planId)}/activity`, { signal }),
};

export function isUnread(notification: AppNotification): boolean {
  return notification.readAt === null;
}

/** Kept current by live `notification:new` events, polled only while they do not arrive. */
export function useNotifications(enabled = true) {
  const refetchInterval = useLiveFallbackInterval();
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: ({ signal }) => notificationsApi.list(signal),
    enabled,
    refetchInterval,
  });
}

/**
 * Marks a notification read. The cache is updated at once (the badge count drops while the
 * request runs) and restored if the server refuses; the list is re-read afterwards either way.
 */
export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) => notificationsApi.markRead(notificationId),
    onMutate: async (notificationId) => {
      await client.cancelQueries({ queryKey: queryKeys.notifications });
      const previous = client.getQueryData<AppNotification[]>(queryKeys.notifications);
      const readAt = new Date().toISOString();
      client.setQueryData<AppNotification[]>(queryKeys.notifications, (current) =>
        current?.map((notification) =>
          notification.id === notificationId && !notification.readAt ? { ...notification, readAt } : notification,
        ),
      );
      return { previous };
    },
    onError: (_error, _notificationId, context) => {
      if (context?.previous) client.setQueryData(queryKeys.notifications, context.previous);
    },
    onSuccess: (updated) => {
      client.setQueryData<AppNotification[]>(queryKeys.notifications, (current) =>
        current?.map((notification) => (notification.id === updated.id ? updated : notification)),
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}

/**
 * What is new on each axis of a plan since the caller's last visit. Not retried on failure:
 * callers show nothing when it is unavailable (it is an extra, not the page's content).
 */
export function usePlanActivity(planId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.planActivity(planId ?? ''),
    queryFn: ({ signal }) => notificationsApi.planActivity(planId as string, signal),
    enabled: Boolean(planId),
    retry: false,
  });
}
