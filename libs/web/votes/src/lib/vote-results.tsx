import type { ParticipationGroup, VoteDetail, VoteResults } from '@miroir/shared/contracts';
import { useTranslation, type TFunction } from '@miroir/web/i18n';
import { Badge } from '@miroir/web/ui';
import { describeChoice, formatNumber, formatPercentage, formatRate, labelOf } from './format';

export interface VoteResultsViewProps {
  vote: VoteDetail;
  results: VoteResults;
}

/** A percentage in text, with a bar for sighted users only (the text says it all). */
function PercentageBar({ percentage, language }: { percentage: number; language: string }) {
  return (
    <span className="result-bar">
      <span className="result-bar__text">{formatPercentage(language, percentage)}</span>
      <span className="result-bar__track" aria-hidden="true">
        <span className="result-bar__fill" style={{ width: `${Math.max(0, Math.min(100, percentage))}%` }} />
      </span>
    </span>
  );
}

function groupLabel(t: TFunction, prefix: 'collectiviteTypes' | 'populationBands', key: string | null): string {
  return key === null ? t('votes.results.notSpecified') : t(`${prefix}.${key}`);
}

function ParticipationTable<K extends string>({
  caption,
  groups,
  prefix,
}: {
  caption: string;
  groups: Array<ParticipationGroup<K>>;
  prefix: 'collectiviteTypes' | 'populationBands';
}) {
  const { t, i18n } = useTranslation();
  if (groups.length === 0) return null;
  return (
    <table className="table table--compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('votes.results.group')}</th>
          <th scope="col">{t('votes.results.voters')}</th>
          <th scope="col">{t('votes.results.eligible')}</th>
          <th scope="col">{t('votes.results.rate')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group.key ?? '__none__'}>
            <th scope="row">{groupLabel(t, prefix, group.key)}</th>
            <td>{group.voters}</td>
            <td>{group.eligible}</td>
            <td>
              <PercentageBar percentage={group.rate * 100} language={i18n.language} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Results of a vote: option table, leading option or tie, consent, participation, quorum, named ballots. */
export function VoteResultsView({ vote, results }: VoteResultsViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const label = (optionId: string) => labelOf(t, vote.kind, vote.options, optionId);
  const withPoints = vote.kind === 'ranking' || vote.kind === 'dot';
  const withAverage = vote.kind === 'score';
  const { participation, quorum } = results;

  return (
    <div className="vote-results">
      <h4>{t('votes.results.title')}</h4>
      <p>
        {t('votes.results.ballots', { count: results.ballots })}
        {results.ballots === 0 ? ` — ${t('votes.results.noBallots')}` : null}
      </p>
      {results.leading.length > 0 ? (
        <p className="vote-results__leading">
          <strong>
            {results.tie
              ? t('votes.results.tie', { options: results.leading.map(label).join(', ') })
              : t('votes.results.leading', { option: label(results.leading[0] as string) })}
          </strong>
        </p>
      ) : null}
      {vote.kind === 'consent' && results.ballots > 0 ? (
        <p>{results.consentGiven ? t('votes.results.consentGiven') : t('votes.results.consentNotGiven')}</p>
      ) : null}

      <table className="table">
        <caption>{t('votes.results.caption', { question: vote.question })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('votes.results.option')}</th>
            <th scope="col">{t('votes.results.count')}</th>
            {withPoints ? <th scope="col">{t('votes.results.points')}</th> : null}
            {withAverage ? <th scope="col">{t('votes.results.average')}</th> : null}
            <th scope="col">{t('votes.results.percentage')}</th>
            <th scope="col">{t('votes.results.rank')}</th>
          </tr>
        </thead>
        <tbody>
          {results.options.map((option) => {
            const tied = results.options.filter((other) => other.rank === option.rank).length > 1;
            return (
              <tr key={option.optionId}>
                <th scope="row">{label(option.optionId)}</th>
                <td>{option.count}</td>
                {withPoints ? <td>{option.points ?? 0}</td> : null}
                {withAverage ? <td>{option.average === null || option.average === undefined ? '—' : formatNumber(language, option.average)}</td> : null}
                <td>
                  <PercentageBar percentage={option.percentage} language={language} />
                </td>
                <td>
                  {option.rank}
                  {tied && results.ballots > 0 ? (
                    <>
                      {' '}
                      <Badge tone="warning">{t('votes.results.tieBadge')}</Badge>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {results.objections && results.objections.length > 0 ? (
        <>
          <h5>{t('votes.results.objections')}</h5>
          <ul>
            {results.objections.map((reason, index) => (
              <li key={index}>{reason}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h5>{t('votes.results.participationTitle')}</h5>
      <p>
        {t('votes.participation', { voters: participation.voters, eligible: participation.eligible, rate: formatRate(language, participation.rate) })}
      </p>
      {quorum ? (
        <p>
          <strong>{quorum.reached ? t('votes.results.quorumReached') : t('votes.results.quorumMissed')}</strong>
          {quorum.required !== null && quorum.share !== null
            ? ` ${t('votes.results.quorumRequired', { required: quorum.required, share: formatRate(language, quorum.share) })}`
            : null}
          {quorum.missingTypes.length > 0
            ? ` ${t('votes.results.missingTypes', { types: quorum.missingTypes.map((type) => t(`collectiviteTypes.${type}`)).join(', ') })}`
            : null}
        </p>
      ) : null}
      <ParticipationTable caption={t('votes.results.byType')} groups={participation.byCollectiviteType} prefix="collectiviteTypes" />
      <ParticipationTable caption={t('votes.results.byBand')} groups={participation.byPopulationBand} prefix="populationBands" />

      {results.namedBallots && results.namedBallots.length > 0 ? (
        <table className="table table--compact">
          <caption>{t('votes.results.namedBallots')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('votes.results.voter')}</th>
              <th scope="col">{t('votes.results.choice')}</th>
            </tr>
          </thead>
          <tbody>
            {results.namedBallots.map((ballot) => (
              <tr key={ballot.userId}>
                <th scope="row">{ballot.displayName}</th>
                <td>{describeChoice(t, vote.kind, vote.options, ballot.choice)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
