import { useQueuedReplies, useQueuedThreads, type QueuedWrite } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Badge, Button } from '@miroir/web/ui';
import { useId } from 'react';
import { formatDateTime } from './format';

interface QueuedCommentProps {
  write: QueuedWrite<unknown>;
  title: string;
  body: string;
  quote?: string | null;
  onDismiss: (id: number) => void;
}

/**
 * A comment the server has not acknowledged yet: never shown as posted. Pending, it says it
 * waits for the network; refused on replay, it says why and keeps the text (raw, selectable, so
 * that it can be copied) until its author closes the message.
 */
function QueuedComment({ write, title, body, quote, onDismiss }: QueuedCommentProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const failed = write.status === 'error';
  return (
    <div
      className={['comment', 'comment--queued', failed ? 'comment--refused' : ''].filter(Boolean).join(' ')}
      aria-labelledby={`${id}-title`}
      role="group"
    >
      <p className="comment__meta" id={`${id}-title`}>
        <span className="comment__author">{title}</span>{' '}
        <span className="muted">{formatDateTime(i18n.language, new Date(write.submittedAt).toISOString())}</span>{' '}
        {failed ? null : <Badge tone="warning">{write.waiting ? t('threads.queued.pending') : t('threads.queued.sending')}</Badge>}
      </p>
      {failed ? (
        <Alert type="error">
          {t('threads.queued.failed', { reason: errorMessage(t, write.error) })} {t('threads.queued.kept')}
        </Alert>
      ) : null}
      {quote ? <blockquote className="thread-quote thread-quote--detached">{quote}</blockquote> : null}
      <p className="comment__queued-text">{body}</p>
      {failed ? (
        <Button variant="tertiary" size="sm" onClick={() => onDismiss(write.id)}>
          {t('threads.queued.dismiss')}
        </Button>
      ) : null}
    </div>
  );
}

/** Replies to a thread written offline (or refused when replayed), under its comments. */
export function QueuedReplies({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const { writes, dismiss } = useQueuedReplies(threadId);
  if (writes.length === 0) return null;
  return (
    <ol className="comment-list comment-list--queued" aria-label={t('threads.queued.reply')}>
      {writes.map((write) => (
        <li key={write.id}>
          <QueuedComment write={write} title={t('threads.queued.reply')} body={write.variables.body.body} onDismiss={dismiss} />
        </li>
      ))}
    </ol>
  );
}

/** Threads opened offline on the axis (or refused when replayed), above the list. */
export function QueuedThreads({ axisId }: { axisId: string }) {
  const { t } = useTranslation();
  const { writes, dismiss } = useQueuedThreads(axisId);
  if (writes.length === 0) return null;
  return (
    <ul className="thread-list thread-list--queued" aria-label={t('threads.queued.thread')}>
      {writes.map((write) => (
        <li key={write.id} className="thread-card thread-card--queued">
          <QueuedComment
            write={write}
            title={t('threads.queued.thread')}
            body={write.variables.body.body}
            quote={write.variables.body.anchor?.quote ?? null}
            onDismiss={dismiss}
          />
        </li>
      ))}
    </ul>
  );
}
