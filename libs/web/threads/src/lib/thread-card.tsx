import type { Thread, ThreadComment } from '@miroir/shared/contracts';
import { canResolveThread } from '@miroir/shared/domain';
import { useDeleteComment, useEditComment, useReopenThread, useReply, useResolveThread, useWorkspaceRole } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Badge, Button, ConfirmPanel } from '@miroir/web/ui';
import { useEffect, useId, useState } from 'react';
import { CommentBody } from './comment-body';
import { CommentForm } from './comment-form';
import { DispositionForm } from './disposition-form';
import { formatDateTime, useReturnFocus } from './format';
import { QueuedReplies } from './queued-comments';

export interface ThreadCardProps {
  thread: Thread;
  /** Position of the thread in the axis (1-based), to tell threads apart in their headings. */
  number: number;
  workspaceId: string;
  currentUserId: string | null;
  /** May reply, open threads and edit one's comments (members and up, axis not closed). */
  canComment: boolean;
  /** May give dispositions (moderators, admins). */
  canModerate: boolean;
  isNew: (comment: ThreadComment) => boolean;
  active: boolean;
  detached: boolean;
  onAnnounce: (message: string) => void;
  /** Shows the thread's passage in the proposal. */
  onReveal: () => void;
}

type Panel = 'reply' | 'disposition' | null;

/** The DOM id of a thread card, which the proposal editor may focus. */
export function threadElementId(threadId: string): string {
  return `thread-${threadId}`;
}

export function ThreadCard({
  thread,
  number,
  workspaceId,
  currentUserId,
  canComment,
  canModerate,
  isNew,
  active,
  detached,
  onAnnounce,
  onReveal,
}: ThreadCardProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const role = useWorkspaceRole(workspaceId);
  const reply = useReply(thread.id, thread.axisId);
  const resolve = useResolveThread(thread.id);
  const reopen = useReopenThread(thread.id);
  const [panel, setPanel] = useState<Panel>(null);
  const resolved = thread.status === 'resolved';
  // Resolved threads start folded; the active one (chosen in the editor) is always unfolded.
  const [unfolded, setUnfolded] = useState(!resolved);
  const expanded = unfolded || active || panel !== null;
  const returnFocus = useReturnFocus();
  const author = thread.author.displayName ?? t('threads.card.unknownAuthor');
  const isAuthor = Boolean(currentUserId && thread.author.userId === currentUserId);
  const mayResolve = role !== null && canResolveThread(role, isAuthor);
  const newCount = thread.comments.filter(isNew).length;
  const ids = { reply: `${id}-reply`, resolve: `${id}-resolve`, disposition: `${id}-disposition`, toggle: `${id}-toggle` };
  const toggleError = resolve.error ?? reopen.error;

  useEffect(() => {
    if (!active) return;
    document.getElementById(threadElementId(thread.id))?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [active, thread.id]);

  const close = (returnTo: string, message?: string) => {
    setPanel(null);
    returnFocus(returnTo);
    if (message) onAnnounce(message);
  };

  return (
    <article
      id={threadElementId(thread.id)}
      tabIndex={-1}
      className={['thread-card', active ? 'thread-card--active' : '', resolved ? 'thread-card--resolved' : ''].filter(Boolean).join(' ')}
      aria-labelledby={`${id}-title`}
      aria-current={active ? 'true' : undefined}
    >
      <h3 id={`${id}-title`} className="thread-card__title">
        {thread.anchor ? t('threads.card.titlePassage', { author, n: number }) : t('threads.card.titleAxis', { author, n: number })}
      </h3>
      <p className="thread-card__meta">
        <Badge tone={resolved ? 'muted' : 'success'}>{resolved ? t('threads.card.resolved') : t('threads.card.open')}</Badge>
        {thread.disposition ? (
          <Badge tone="info">{t('threads.disposition.value', { value: t(`threads.disposition.values.${thread.disposition}`) })}</Badge>
        ) : (
          <Badge tone="warning">{t('threads.disposition.none')}</Badge>
        )}
        {newCount > 0 ? <Badge tone="accent">{t('threads.newInThread', { count: newCount })}</Badge> : null}
        <span>{formatDateTime(i18n.language, thread.createdAt)}</span>
      </p>

      {thread.anchor ? (
        <figure className="thread-card__passage">
          <figcaption className="sr-only">{t('threads.card.quoteLabel')}</figcaption>
          {detached ? (
            <>
              <blockquote className="thread-quote thread-quote--detached">{thread.anchor.quote}</blockquote>
              <p className="thread-card__detached">
                <Badge tone="muted">{t('threads.card.detached')}</Badge> <span className="muted">{t('threads.card.detachedHint')}</span>
              </p>
            </>
          ) : (
            <blockquote className="thread-quote">
              <button type="button" className="thread-quote__button" onClick={onReveal}>
                {thread.anchor.quote}
                <span className="sr-only"> — {t('threads.card.showPassage')}</span>
              </button>
            </blockquote>
          )}
        </figure>
      ) : null}

      {thread.disposition && (thread.dispositionReason || thread.dispositionBy) ? (
        <p className="thread-card__disposition muted">
          {thread.dispositionReason ? <span>{t('threads.disposition.reasonValue', { reason: thread.dispositionReason })} </span> : null}
          {thread.dispositionBy?.displayName && thread.dispositionAt ? (
            <span>
              {t('threads.disposition.by', {
                name: thread.dispositionBy.displayName,
                date: formatDateTime(i18n.language, thread.dispositionAt),
              })}
            </span>
          ) : null}
        </p>
      ) : null}
      {resolved && thread.resolvedBy?.displayName && thread.resolvedAt ? (
        <p className="muted">
          {t('threads.card.resolvedBy', { name: thread.resolvedBy.displayName, date: formatDateTime(i18n.language, thread.resolvedAt) })}
        </p>
      ) : null}

      {resolved && !active && panel === null ? (
        <Button id={ids.toggle} variant="tertiary" size="sm" aria-expanded={expanded} onClick={() => setUnfolded(!unfolded)}>
          {unfolded ? t('threads.card.hideComments') : t('threads.card.showComments', { count: thread.comments.length })}
        </Button>
      ) : null}
      {expanded ? (
        <ol className="comment-list" aria-label={t('threads.card.comments')}>
          {thread.comments.map((comment) => (
            <li key={comment.id}>
              <CommentItem
                comment={comment}
                workspaceId={workspaceId}
                threadId={thread.id}
                mine={Boolean(currentUserId && comment.author.userId === currentUserId)}
                canComment={canComment}
                isNew={isNew(comment)}
                onAnnounce={onAnnounce}
              />
            </li>
          ))}
        </ol>
      ) : null}
      <QueuedReplies threadId={thread.id} />

      {panel === 'reply' ? (
        <CommentForm
          workspaceId={workspaceId}
          label={t('threads.reply.label')}
          submitLabel={t('threads.reply.submit')}
          busy={reply.isPending}
          onCancel={() => close(ids.reply)}
          onSubmit={async (body) => {
            const sent = await reply.submit({ body });
            close(ids.reply, sent ? t('threads.reply.sent') : t('threads.queued.announce'));
          }}
        />
      ) : panel === 'disposition' ? (
        <DispositionForm thread={thread} onCancel={() => close(ids.disposition)} onDone={(message) => close(ids.disposition, message)} />
      ) : (
        <div className="btn-group thread-card__actions">
          {canComment && !resolved ? (
            <Button id={ids.reply} variant="secondary" size="sm" onClick={() => setPanel('reply')}>
              {t('threads.reply.button')}
            </Button>
          ) : null}
          {mayResolve ? (
            <Button
              id={ids.resolve}
              variant="tertiary"
              size="sm"
              busy={resolve.isPending || reopen.isPending}
              onClick={() =>
                resolved
                  ? reopen.mutate(undefined, { onSuccess: () => onAnnounce(t('threads.resolve.reopened')) })
                  : resolve.mutate(undefined, { onSuccess: () => onAnnounce(t('threads.resolve.resolved')) })
              }
            >
              {resolved ? t('threads.resolve.reopen') : t('threads.resolve.resolve')}
            </Button>
          ) : null}
          {canModerate ? (
            <Button id={ids.disposition} variant="tertiary" size="sm" onClick={() => setPanel('disposition')}>
              {thread.disposition ? t('threads.disposition.change') : t('threads.disposition.open')}
            </Button>
          ) : null}
        </div>
      )}
      {canComment && resolved && panel === null ? <p className="muted">{t('threads.reply.resolvedHint')}</p> : null}
      {toggleError ? <Alert type="error">{errorMessage(t, toggleError)}</Alert> : null}
    </article>
  );
}

interface CommentItemProps {
  comment: ThreadComment;
  threadId: string;
  workspaceId: string;
  mine: boolean;
  canComment: boolean;
  isNew: boolean;
  onAnnounce: (message: string) => void;
}

function CommentItem({ comment, threadId, workspaceId, mine, canComment, isNew, onAnnounce }: CommentItemProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const edit = useEditComment();
  const remove = useDeleteComment();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirmDelete'>('view');
  const returnFocus = useReturnFocus();
  const deleted = comment.deletedAt !== null;
  const ids = { edit: `${id}-edit`, delete: `${id}-delete` };
  const author = comment.author.displayName ?? t('threads.card.unknownAuthor');

  return (
    <div className={['comment', isNew ? 'comment--new' : '', deleted ? 'comment--deleted' : ''].filter(Boolean).join(' ')}>
      <p className="comment__meta">
        <span className="comment__author">
          {t('threads.comment.meta', { author, date: formatDateTime(i18n.language, comment.createdAt) })}
        </span>
        {comment.editedAt && !deleted ? <span className="muted"> {t('threads.comment.edited')}</span> : null}
        {isNew ? (
          <>
            {' '}
            <Badge tone="accent">{t('threads.newBadge')}</Badge>
          </>
        ) : null}
      </p>
      {deleted ? (
        <p className="comment__deleted">{t('threads.comment.deleted')}</p>
      ) : mode === 'edit' ? (
        <CommentForm
          workspaceId={workspaceId}
          label={t('threads.comment.editLabel')}
          submitLabel={t('threads.comment.editSubmit')}
          initialBody={comment.body}
          busy={edit.isPending}
          onCancel={() => {
            setMode('view');
            returnFocus(ids.edit);
          }}
          onSubmit={async (body) => {
            await edit.mutateAsync({ commentId: comment.id, body });
            setMode('view');
            returnFocus(ids.edit);
            onAnnounce(t('threads.comment.saved'));
          }}
        />
      ) : (
        <CommentBody body={comment.body} />
      )}
      {mine && canComment && !deleted && mode === 'view' ? (
        <div className="comment__actions">
          <Button id={ids.edit} variant="tertiary" size="sm" onClick={() => setMode('edit')}>
            {t('threads.comment.edit')}
          </Button>
          <Button id={ids.delete} variant="tertiary" size="sm" onClick={() => setMode('confirmDelete')}>
            {t('threads.comment.delete')}
          </Button>
        </div>
      ) : null}
      {mode === 'confirmDelete' && !deleted ? (
        <ConfirmPanel
          message={t('threads.comment.deleteConfirm')}
          confirmLabel={t('threads.comment.deleteConfirmButton')}
          cancelLabel={t('common.cancel')}
          busy={remove.isPending}
          onCancel={() => {
            setMode('view');
            returnFocus(ids.delete);
          }}
          onConfirm={() =>
            remove.mutate(comment.id, {
              onSuccess: () => {
                setMode('view');
                returnFocus(threadElementId(threadId));
                onAnnounce(t('threads.comment.removed'));
              },
            })
          }
        />
      ) : null}
      {remove.isError ? <Alert type="error">{errorMessage(t, remove.error)}</Alert> : null}
    </div>
  );
}
