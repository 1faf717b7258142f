import type { AxisThreads, PlanStatus, Thread, ThreadAnchor, ThreadComment } from '@miroir/shared/contracts';
import { useAnnotations, useAnnotationsStore } from '@miroir/web/annotations';
import { threadsApi, useAxisLive, useAxisThreads, useCan, useRecordVisit, useSession } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Badge, Button, EmptyState, LiveMessage, LoadingState, SelectField } from '@miroir/web/ui';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useReturnFocus } from './format';
import { NewThreadForm } from './new-thread-form';
import { QueuedThreads } from './queued-comments';
import { ThreadCard, threadElementId } from './thread-card';
import './threads.css';

export interface ThreadsSectionProps {
  axisId: string;
  workspaceId: string;
  /** Closed axes keep their discussions readable only. */
  axisStatus?: PlanStatus;
}

type Filter = 'all' | 'open' | 'resolved';

/** Whether a thread still has something to show in the proposal (not every comment deleted). */
function isLive(thread: Thread): boolean {
  return thread.comments.some((comment) => comment.deletedAt === null);
}

/**
 * The discussions of an axis: threads on the axis or on a passage of its proposal, replies,
 * resolution and, for moderators, the disposition each thread needs before the axis closes.
 *
 * « New » is computed against the last visit as it was when the page opened: the visit is
 * recorded right after the list is first shown (and again when leaving), but the badges stay
 * for the rest of this visit.
 */
export function ThreadsSection({ axisId, workspaceId, axisStatus }: ThreadsSectionProps) {
  const { t } = useTranslation();
  const id = useId();
  const threads = useAxisThreads(axisId);
  // Others' threads and replies arrive without reloading.
  useAxisLive(axisId);
  const { user } = useSession();
  const store = useAnnotationsStore();
  const { selection, activeId, detachedIds } = useAnnotations();
  const closed = axisStatus === 'closed';
  const canComment = useCan(workspaceId, 'thread.comment') && !closed;
  const canModerate = useCan(workspaceId, 'thread.moderate');
  const [creating, setCreating] = useState<{ anchor: ThreadAnchor | null } | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [message, setMessage] = useState<string | null>(null);
  const returnFocus = useReturnFocus();
  const baseline = useVisitBaseline(axisId, threads.data);
  const currentUserId = user?.id ?? null;

  const isNew = useCallback(
    (comment: ThreadComment) =>
      baseline !== undefined &&
      comment.deletedAt === null &&
      comment.author.userId !== currentUserId &&
      (baseline === null || Date.parse(comment.createdAt) > Date.parse(baseline)),
    [baseline, currentUserId],
  );

  // The editor highlights the anchored threads: publish them on every change of the list.
  useEffect(() => {
    if (!store || !threads.data) return;
    store.setThreads(
      threads.data.threads
        .filter((thread) => thread.anchor !== null && isLive(thread))
        .map((thread) => ({ id: thread.id, anchor: thread.anchor as ThreadAnchor, resolved: thread.status === 'resolved' })),
    );
  }, [store, threads.data]);
  useEffect(() => () => store?.setThreads([]), [store]);

  const announce = useCallback((text: string) => setMessage(text), []);
  useArrivalAnnouncements(threads.data, currentUserId, announce);
  const list = useMemo(() => threads.data?.threads ?? [], [threads.data]);
  const counts = useMemo(
    () => ({
      all: list.length,
      open: list.filter((thread) => thread.status === 'open').length,
      resolved: list.filter((thread) => thread.status === 'resolved').length,
      withoutDisposition: list.filter((thread) => thread.disposition === null).length,
      newComments: list.reduce((sum, thread) => sum + thread.comments.filter(isNew).length, 0),
    }),
    [list, isNew],
  );
  const shown = filter === 'all' ? list : list.filter((thread) => thread.status === filter);
  const ids = { create: `${id}-create`, createOnSelection: `${id}-create-selection` };

  const openForm = (anchor: ThreadAnchor | null) => {
    setMessage(null);
    setCreating({ anchor });
  };

  return (
    <section className="section threads" aria-labelledby={`${id}-title`}>
      <div className="section__header">
        <h2 className="section__title" id={`${id}-title`}>
          {t('threads.title')}
        </h2>
        {canComment && !creating ? (
          <div className="btn-group threads__create">
            {selection ? (
              <Button id={ids.createOnSelection} variant="secondary" size="sm" icon="+" onClick={() => openForm(selection)}>
                {t('threads.create.onSelection')}
              </Button>
            ) : null}
            <Button id={ids.create} variant="secondary" size="sm" icon="+" onClick={() => openForm(null)}>
              {t('threads.create.button')}
            </Button>
          </div>
        ) : null}
      </div>
      {selection && canComment && !creating ? (
        <p className="threads__selection muted">
          <span className="sr-only">{t('threads.create.scopePassage')} </span>
          <q>{selection.quote}</q>
        </p>
      ) : null}

      {threads.data ? (
        <div className="threads__summary">
          <p>
            {counts.withoutDisposition > 0 ? (
              <Badge tone="warning">{t('threads.withoutDisposition', { count: counts.withoutDisposition })}</Badge>
            ) : list.length > 0 ? (
              <Badge tone="success">{t('threads.allDisposed')}</Badge>
            ) : null}{' '}
            {counts.newComments > 0 ? <Badge tone="accent">{t('threads.newCount', { count: counts.newComments })}</Badge> : null}
          </p>
          {canModerate && counts.withoutDisposition > 0 ? <p className="muted">{t('threads.withoutDispositionHint')}</p> : null}
        </div>
      ) : null}

      {closed ? <p className="muted">{t('threads.closedAxis')}</p> : !canComment ? <p className="muted">{t('threads.observer')}</p> : null}
      <LiveMessage message={message} />

      {creating ? (
        <NewThreadForm
          axisId={axisId}
          workspaceId={workspaceId}
          initialAnchor={creating.anchor}
          onCancel={() => {
            setCreating(null);
            returnFocus(creating.anchor ? ids.createOnSelection : ids.create);
          }}
          onCreated={(thread) => {
            setCreating(null);
            if (!thread) {
              setMessage(t('threads.queued.announce'));
              returnFocus(creating.anchor ? ids.createOnSelection : ids.create);
              return;
            }
            setFilter((current) => (current === 'resolved' ? 'all' : current));
            setMessage(t('threads.create.created'));
            returnFocus(threadElementId(thread.id));
            if (thread.anchor) store?.activate(thread.id);
          }}
        />
      ) : null}
      <QueuedThreads axisId={axisId} />

      {threads.isPending ? (
        <LoadingState label={t('threads.loading')} />
      ) : threads.isError ? (
        <Alert type="error">{errorMessage(t, threads.error)}</Alert>
      ) : list.length === 0 ? (
        <EmptyState title={t('threads.empty')} />
      ) : (
        <>
          {counts.resolved > 0 ? (
            <SelectField
              className="threads__filter"
              label={t('threads.filter.label')}
              value={filter}
              options={(['all', 'open', 'resolved'] as const).map((value) => ({
                value,
                label: t(`threads.filter.${value}`, { count: counts[value] }),
              }))}
              onChange={(event) => setFilter(event.target.value as Filter)}
            />
          ) : null}
          {shown.length === 0 ? (
            <EmptyState title={t('threads.emptyFiltered')} />
          ) : (
            <ul className="thread-list">
              {shown.map((thread) => (
                <li key={thread.id}>
                  <ThreadCard
                    thread={thread}
                    number={list.indexOf(thread) + 1}
                    workspaceId={workspaceId}
                    currentUserId={currentUserId}
                    canComment={canComment}
                    canModerate={canModerate}
                    isNew={isNew}
                    active={activeId === thread.id}
                    detached={detachedIds.has(thread.id)}
                    onAnnounce={announce}
                    onReveal={() => store?.activate(thread.id, true)}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The last visit as it was when the list was first read (`null`: never visited; `undefined`:
 * not read yet). Records the visit once the list has been shown, and again when leaving.
 */
/**
 * Announces to screen readers the comments others post while the page is open (pushed live):
 * sighted users see them appear, others would not know.
 */
function useArrivalAnnouncements(data: AxisThreads | undefined, currentUserId: string | null, announce: (text: string) => void): void {
  const { t } = useTranslation();
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!data) return;
    const comments = data.threads.flatMap((thread) => thread.comments);
    const known = seen.current;
    seen.current = new Set(comments.map((comment) => comment.id));
    if (!known) return;
    const arrived = comments.filter((comment) => !known.has(comment.id) && comment.author.userId !== currentUserId);
    const last = arrived.at(-1);
    if (last) announce(t('threads.live.arrived', { count: arrived.length, name: last.author.displayName ?? t('threads.live.someone') }));
  }, [data, currentUserId, announce, t]);
}

function useVisitBaseline(axisId: string, data: AxisThreads | undefined): string | null | undefined {
  const [baseline, setBaseline] = useState<{ lastVisitAt: string | null } | undefined>(undefined);
  const recordVisit = useRecordVisit(axisId);
  const recorded = useRef(false);
  if (data && baseline === undefined) setBaseline({ lastVisitAt: data.lastVisitAt });

  const { mutate } = recordVisit;
  useEffect(() => {
    if (baseline === undefined || recorded.current) return;
    recorded.current = true;
    mutate();
  }, [baseline, mutate]);

  useEffect(
    () => () => {
      // Leaving the page: what arrived during this visit has been seen too.
      if (recorded.current) threadsApi.visit(axisId).catch(() => undefined);
    },
    [axisId],
  );

  return baseline?.lastVisitAt;
}
