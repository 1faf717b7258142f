import type { CastBallotRequest, VoteDetail } from '@miroir/shared/contracts';
import { useQueuedBallots } from '@miroir/web/data-access';
import { errorMessage, useTranslation, type TFunction } from '@miroir/web/i18n';
import { Alert, Badge, Button } from '@miroir/web/ui';
import { labelOf } from './format';

/** The choice of a ballot in words (« Pour », « A, B », « A > B », « A : 3, B : 1 »). */
export function describeBallot(t: TFunction, vote: VoteDetail, ballot: CastBallotRequest): string {
  const label = (optionId: string) => labelOf(t, vote.kind, vote.options, optionId);
  if (ballot.option) return label(ballot.option);
  if (ballot.options) return ballot.options.map(label).join(', ');
  if (ballot.ranking) return ballot.ranking.map(label).join(' > ');
  const amounts = ballot.scores ?? ballot.points;
  if (amounts)
    return Object.entries(amounts)
      .map(([optionId, value]) => `${label(optionId)} (${value})`)
      .join(', ');
  return '';
}

/**
 * The caller's ballot cast offline and not yet acknowledged by the server: pending until the
 * network returns, or refused on replay (e.g. the vote was closed meanwhile), with the choice
 * and reason kept in words until its author closes the message.
 */
export function QueuedBallot({ vote }: { vote: VoteDetail }) {
  const { t } = useTranslation();
  const { writes, dismiss } = useQueuedBallots(vote.id);
  if (writes.length === 0) return null;
  return (
    <ul className="vote-card__queued">
      {writes.map((write) => (
        <li key={write.id} className={write.status === 'error' ? 'vote-queued vote-queued--refused' : 'vote-queued'}>
          <p>
            {t('votes.queued.label', { choice: describeBallot(t, vote, write.variables.body) })}{' '}
            {write.status === 'error' ? null : (
              <Badge tone="warning">{write.waiting ? t('votes.queued.pending') : t('votes.queued.sending')}</Badge>
            )}
          </p>
          {write.variables.body.reason ? (
            <p className="vote-queued__reason">{t('votes.queued.reason', { reason: write.variables.body.reason })}</p>
          ) : null}
          {write.status === 'error' ? (
            <>
              <Alert type="error">{t('votes.queued.failed', { reason: errorMessage(t, write.error) })}</Alert>
              <Button variant="tertiary" size="sm" onClick={() => dismiss(write.id)}>
                {t('votes.queued.dismiss')}
              </Button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
