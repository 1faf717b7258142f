import type { Thread, ThreadAnchor } from '@miroir/shared/contracts';
import { useAnnotations, useAnnotationsStore } from '@miroir/web/annotations';
import { useCreateThread } from '@miroir/web/data-access';
import { useTranslation } from '@miroir/web/i18n';
import { useEffect, useId, useState } from 'react';
import { CommentForm } from './comment-form';

export interface NewThreadFormProps {
  axisId: string;
  workspaceId: string;
  /** The passage selected when the form was opened, if it was opened to comment on it. */
  initialAnchor: ThreadAnchor | null;
  /** The thread the server created, or null when it was queued until the network returns. */
  onCreated: (thread: Thread | null) => void;
  onCancel: () => void;
}

/**
 * Opens a thread on the axis as a whole or on the passage selected in the proposal editor.
 * The selection is kept once seen: focusing this form does not lose it, and selecting another
 * passage while the form is open updates it.
 */
export function NewThreadForm({ axisId, workspaceId, initialAnchor, onCreated, onCancel }: NewThreadFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const store = useAnnotationsStore();
  const { selection } = useAnnotations();
  const create = useCreateThread(axisId);
  const [candidate, setCandidate] = useState<ThreadAnchor | null>(initialAnchor ?? selection);
  const [onPassage, setOnPassage] = useState(Boolean(initialAnchor));

  useEffect(() => {
    if (selection) setCandidate(selection);
  }, [selection]);

  const anchor = onPassage ? candidate : null;

  return (
    <section className="thread-new" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('threads.create.title')}</h3>
      <CommentForm
        workspaceId={workspaceId}
        label={t('threads.create.body')}
        submitLabel={t('threads.create.submit')}
        busy={create.isPending}
        onCancel={onCancel}
        onSubmit={async (body) => onCreated(await create.submit(anchor ? { body, anchor } : { body }))}
      >
        {candidate ? (
          <fieldset className="fieldset">
            <legend>{t('threads.create.scope')}</legend>
            <div className="choice-list">
              <div className="choice">
                <input type="radio" id={`${id}-axis`} name={`${id}-scope`} checked={!onPassage} onChange={() => setOnPassage(false)} />
                <label htmlFor={`${id}-axis`}>{t('threads.create.scopeAxis')}</label>
              </div>
              <div className="choice">
                <input
                  type="radio"
                  id={`${id}-passage`}
                  name={`${id}-scope`}
                  checked={onPassage}
                  aria-describedby={`${id}-quote`}
                  onChange={() => setOnPassage(true)}
                />
                <label htmlFor={`${id}-passage`}>{t('threads.create.scopePassage')}</label>
              </div>
            </div>
            <blockquote className="thread-quote" id={`${id}-quote`}>
              {candidate.quote}
            </blockquote>
          </fieldset>
        ) : store ? (
          <p className="muted">{t('threads.create.selectHint')}</p>
        ) : null}
      </CommentForm>
    </section>
  );
}
