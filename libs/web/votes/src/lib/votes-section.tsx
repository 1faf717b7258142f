import type { VoteDetail, VoteSummary } from '@miroir/shared/contracts';
import { useAxisLive, useAxisVotes, useCan, useCastBallot, useCloseVote, useVote } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Badge, Button, ConfirmPanel, EmptyState, LiveMessage, LoadingState } from '@miroir/web/ui';
import { useId, useState } from 'react';
import { BallotForm } from './ballot-form';
import { formatDateTime, formatRate } from './format';
import { QueuedBallot } from './queued-ballot';
import { VoteResultsView } from './vote-results';
import { OpenVoteForm } from './open-vote-form';

export interface VotesSectionProps {
  axisId: string;
  workspaceId: string;
}

/**
 * The votes of an axis: opening one (moderators and admins), ballots (members), results and
 * closing. Live events on the axis keep participation and the list current.
 */
export function VotesSection({ axisId, workspaceId }: VotesSectionProps) {
  const { t } = useTranslation();
  const id = useId();
  const votes = useAxisVotes(axisId);
  useAxisLive(axisId);
  const canManage = useCan(workspaceId, 'vote.manage');
  const [opening, setOpening] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <div className="section__header">
        <h2 className="section__title" id={`${id}-title`}>
          {t('votes.title')}
        </h2>
        {canManage && !opening ? (
          <Button
            variant="secondary"
            size="sm"
            icon="+"
            onClick={() => {
              setMessage(null);
              setOpening(true);
            }}
          >
            {t('votes.open.button')}
          </Button>
        ) : null}
      </div>
      <LiveMessage message={message} />
      {opening ? (
        <OpenVoteForm
          axisId={axisId}
          onCancel={() => setOpening(false)}
          onOpened={(vote) => {
            setOpening(false);
            setMessage(t('votes.open.opened', { question: vote.question }));
          }}
        />
      ) : null}
      {votes.isPending ? (
        <LoadingState label={t('votes.loading')} />
      ) : votes.isError ? (
        <Alert type="error">{errorMessage(t, votes.error)}</Alert>
      ) : votes.data.length === 0 ? (
        <EmptyState title={t('votes.empty')} />
      ) : (
        <ul className="vote-list">
          {votes.data.map((vote) => (
            <li key={vote.id}>
              <VoteCard summary={vote} workspaceId={workspaceId} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function VoteCard({ summary, workspaceId }: { summary: VoteSummary; workspaceId: string }) {
  const detail = useVote(summary.id);
  return <VoteView vote={detail.data ?? { ...summary, myBallot: null, results: null }} loaded={Boolean(detail.data)} workspaceId={workspaceId} />;
}

export function VoteView({ vote, loaded = true, workspaceId }: { vote: VoteDetail; loaded?: boolean; workspaceId: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const canManage = useCan(workspaceId, 'vote.manage');
  const canCast = useCan(workspaceId, 'vote.cast');
  const cast = useCastBallot(vote.id, vote.axisId);
  const close = useCloseVote(vote.id);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const open = vote.status === 'open';
  const rate = vote.eligible > 0 ? vote.voters / vote.eligible : 0;

  return (
    <article className="vote-card" aria-labelledby={`${id}-question`}>
      <h3 id={`${id}-question`}>{vote.question}</h3>
      <p className="vote-card__meta">
        <Badge tone="info">{t(`votes.kinds.${vote.kind}`)}</Badge>
        <Badge tone={open ? 'success' : 'muted'}>{t(`votes.status.${vote.status}`)}</Badge>
        <span>{vote.secret ? t('votes.secret') : t('votes.named')}</span>
        <span>
          {vote.closedAt
            ? t('votes.closedAt', { date: formatDateTime(i18n.language, vote.closedAt) })
            : t('votes.closesAt', { date: formatDateTime(i18n.language, vote.closesAt) })}
        </span>
      </p>
      <p className="vote-card__participation">
        {t('votes.participation', { voters: vote.voters, eligible: vote.eligible, rate: formatRate(i18n.language, rate) })}
      </p>
      {vote.hasVoted ? <p>{open ? t('votes.hasVoted') : t('votes.hasVotedClosed')}</p> : null}
      <QueuedBallot vote={vote} />

      {open && loaded ? (
        canCast ? (
          <BallotForm vote={vote} busy={cast.isPending} onCast={(ballot) => cast.submit(ballot)} />
        ) : (
          <p className="muted">{t('votes.observer')}</p>
        )
      ) : null}

      {vote.results ? <VoteResultsView vote={vote} results={vote.results} /> : open ? <p className="muted">{t('votes.resultsHidden')}</p> : null}

      <LiveMessage message={message} />
      {canManage && open ? (
        confirming ? (
          <ConfirmPanel
            message={t('votes.close.confirm', { question: vote.question })}
            confirmLabel={t('votes.close.confirmButton')}
            cancelLabel={t('common.cancel')}
            busy={close.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() =>
              close.mutate(undefined, {
                onSuccess: () => {
                  setConfirming(false);
                  setMessage(t('votes.close.done'));
                },
              })
            }
          />
        ) : (
          <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
            {t('votes.close.button')}
          </Button>
        )
      ) : null}
      {close.isError ? <Alert type="error">{errorMessage(t, close.error)}</Alert> : null}
    </article>
  );
}
