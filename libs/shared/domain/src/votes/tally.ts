import {
  COLLECTIVITE_TYPES,
  POPULATION_BANDS,
  SCORE_MAX,
  type BallotChoice,
  type CollectiviteType,
  type ConsentChoice,
  type DotChoice,
  type MultipleChoice,
  type OptionResult,
  type Participation,
  type ParticipationGroup,
  type PopulationBand,
  type QuorumResult,
  type RankingChoice,
  type ScoreChoice,
  type SingleChoice,
  type VoteTally,
} from '@miroir/shared/contracts';
import type { VoteRules } from './definition';

/** One member of the electorate, as far as participation is concerned (never their ballot). */
export interface Elector {
  collectiviteType: CollectiviteType | null;
  populationBand: PopulationBand | null;
  voted: boolean;
}

/** 0..100 with one decimal; 0 when there is nothing to share. */
export function percentage(part: number, whole: number): number {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0;
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/**
 * Competition ranking ("1, 1, 3"): an option's rank is one more than the number of options that
 * beat it. `compare(a, b) > 0` when a beats b.
 */
function ranks<T>(items: readonly T[], compare: (a: T, b: T) => number): number[] {
  return items.map((item) => 1 + items.filter((other) => compare(other, item) > 0).length);
}

function byMetric(metric: (index: number) => number): (a: number, b: number) => number {
  return (a, b) => metric(a) - metric(b);
}

function group<K extends string>(
  electorate: readonly Elector[],
  keys: readonly K[],
  keyOf: (elector: Elector) => K | null,
): Array<ParticipationGroup<K>> {
  return [...keys, null].flatMap((key) => {
    const members = electorate.filter((elector) => keyOf(elector) === key);
    if (members.length === 0) return [];
    const voters = members.filter((elector) => elector.voted).length;
    return [{ key, voters, eligible: members.length, rate: ratio(voters, members.length) }];
  });
}

/** Turnout, overall and by type of collectivité and population band (unknown profiles last). */
export function participation(electorate: readonly Elector[]): Participation {
  const voters = electorate.filter((elector) => elector.voted).length;
  return {
    voters,
    eligible: electorate.length,
    rate: ratio(voters, electorate.length),
    byCollectiviteType: group(electorate, COLLECTIVITE_TYPES, (elector) => elector.collectiviteType),
    byPopulationBand: group(electorate, POPULATION_BANDS, (elector) => elector.populationBand),
  };
}

/**
 * Whether enough of the electorate voted: at least `ceil(share × eligible)` voters (and at least
 * one), and, with `allTypes`, a voter of every collectivité type found among eligible members
 * (members whose type is unknown do not add a type). null when the vote has no quorum rule.
 */
export function quorum(vote: Pick<VoteRules, 'quorum' | 'quorumAllTypes'>, electorate: readonly Elector[]): QuorumResult | null {
  if (vote.quorum === null && !vote.quorumAllTypes) return null;
  const voters = electorate.filter((elector) => elector.voted).length;
  // The epsilon keeps 0.3 × 10 at 3 despite floating point.
  const required = vote.quorum === null ? null : Math.max(1, Math.ceil(vote.quorum * electorate.length - 1e-9));
  const missingTypes = vote.quorumAllTypes
    ? COLLECTIVITE_TYPES.filter(
        (type) =>
          electorate.some((elector) => elector.collectiviteType === type) &&
          !electorate.some((elector) => elector.collectiviteType === type && elector.voted),
      )
    : [];
  return {
    share: vote.quorum,
    required,
    allTypes: vote.quorumAllTypes,
    missingTypes,
    reached: (required === null || voters >= required) && missingTypes.length === 0,
  };
}

/**
 * The results of a vote from its ballots (already validated) and its electorate. Pure: the same
 * inputs give the same result, so it runs on the server and can be re-checked anywhere.
 */
export function tally(vote: VoteRules, ballots: readonly BallotChoice[], electorate: readonly Elector[]): VoteTally {
  const options = vote.options;
  const count = ballots.length;
  const base = { kind: vote.kind, ballots: count, participation: participation(electorate), quorum: quorum(vote, electorate) };

  /** Results where a bigger metric wins and the leader needs a metric above zero. */
  const ranked = (
    rows: Array<Omit<OptionResult, 'optionId' | 'label' | 'rank'>>,
    compare: (a: number, b: number) => number,
    leads: (index: number) => boolean,
  ): Pick<VoteTally, 'options' | 'leading' | 'tie'> => {
    const indexes = options.map((_, index) => index);
    const optionRanks = ranks(indexes, compare);
    const leading = count === 0 ? [] : indexes.filter((index) => optionRanks[index] === 1 && leads(index)).map((index) => options[index].id);
    return {
      options: rows.map((row, index) => ({ optionId: options[index].id, label: options[index].label, ...row, rank: optionRanks[index] })),
      leading,
      tie: leading.length > 1,
    };
  };

  switch (vote.kind) {
    case 'consent':
    case 'single_choice': {
      const chosen = (ballots as Array<SingleChoice | ConsentChoice>).map((ballot) => ballot.option);
      const counts = options.map((option) => chosen.filter((id) => id === option.id).length);
      const result = ranked(
        counts.map((n) => ({ count: n, percentage: percentage(n, count) })),
        byMetric((index) => counts[index]),
        (index) => counts[index] > 0,
      );
      if (vote.kind === 'single_choice') return { ...base, ...result };
      const objections = (ballots as ConsentChoice[])
        .filter((ballot) => ballot.option === 'objection')
        .map((ballot) => ballot.reason ?? '')
        .sort((a, b) => a.localeCompare(b, 'fr'));
      return { ...base, ...result, objections, consentGiven: count > 0 && objections.length === 0 };
    }
    case 'multiple_choice': {
      const counts = options.map((option) => (ballots as MultipleChoice[]).filter((ballot) => ballot.options.includes(option.id)).length);
      return {
        ...base,
        ...ranked(
          counts.map((n) => ({ count: n, percentage: percentage(n, count) })),
          byMetric((index) => counts[index]),
          (index) => counts[index] > 0,
        ),
      };
    }
    case 'score': {
      const stats = options.map((option) => {
        const given = (ballots as ScoreChoice[]).map((ballot) => ballot.scores[option.id]).filter((score): score is number => score !== undefined);
        const distribution = Array.from({ length: SCORE_MAX }, (_, index) => given.filter((score) => score === index + 1).length);
        return { sum: given.reduce((total, score) => total + score, 0), n: given.length, distribution };
      });
      // Compare averages exactly (sumA / nA against sumB / nB) so that rounding makes no false tie;
      // an option nobody scored comes after every scored one.
      const compare = (a: number, b: number): number => {
        const [x, y] = [stats[a], stats[b]];
        if (x.n === 0 || y.n === 0) return (x.n === 0 ? 0 : 1) - (y.n === 0 ? 0 : 1);
        return x.sum * y.n - y.sum * x.n;
      };
      return {
        ...base,
        ...ranked(
          stats.map(({ sum, n, distribution }) => ({
            count: n,
            percentage: percentage(n, count),
            average: n > 0 ? Math.round((100 * sum) / n) / 100 : null,
            distribution,
          })),
          compare,
          (index) => stats[index].n > 0,
        ),
      };
    }
    case 'ranking': {
      // Borda count: with n options, first place earns n − 1 points, last place 0.
      const n = options.length;
      const points = options.map((option) =>
        (ballots as RankingChoice[]).reduce((total, ballot) => {
          const place = ballot.ranking.indexOf(option.id);
          return total + (place >= 0 ? n - 1 - place : 0);
        }, 0),
      );
      const firsts = options.map((option) => (ballots as RankingChoice[]).filter((ballot) => ballot.ranking[0] === option.id).length);
      const totalPoints = points.reduce((total, value) => total + value, 0);
      return {
        ...base,
        ...ranked(
          points.map((value, index) => ({ count: firsts[index], percentage: percentage(value, totalPoints), points: value })),
          byMetric((index) => points[index]),
          () => true,
        ),
      };
    }
    case 'dot': {
      const points = options.map((option) => (ballots as DotChoice[]).reduce((total, ballot) => total + (ballot.points[option.id] ?? 0), 0));
      const givers = options.map((option) => (ballots as DotChoice[]).filter((ballot) => (ballot.points[option.id] ?? 0) > 0).length);
      const totalPoints = points.reduce((total, value) => total + value, 0);
      return {
        ...base,
        ...ranked(
          points.map((value, index) => ({ count: givers[index], percentage: percentage(value, totalPoints), points: value })),
          byMetric((index) => points[index]),
          (index) => points[index] > 0,
        ),
      };
    }
  }
}
