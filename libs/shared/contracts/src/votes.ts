import type { CollectiviteType, PopulationBand } from './profile';

/**
 * Kinds of vote a moderator can open on an axis:
 * - `consent`: pour / abstention / contre / objection (an objection requires a reason);
 * - `single_choice` / `multiple_choice`: one option, or one or more options;
 * - `score`: each option scored from 1 to 5 (options left unscored count as "no opinion");
 * - `ranking`: every option ordered, results by Borda count;
 * - `dot`: distribute up to `budget` points among the options.
 */
export const VOTE_KINDS = ['consent', 'single_choice', 'multiple_choice', 'score', 'ranking', 'dot'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

/** The fixed options of a consent vote; their ids are these values. */
export const CONSENT_OPTIONS = ['pour', 'abstention', 'contre', 'objection'] as const;
export type ConsentOption = (typeof CONSENT_OPTIONS)[number];

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export const VOTE_QUESTION_MAX_LENGTH = 500;
export const VOTE_OPTION_LABEL_MAX_LENGTH = 300;
export const VOTE_MIN_OPTIONS = 2;
export const VOTE_MAX_OPTIONS = 30;
export const VOTE_REASON_MAX_LENGTH = 2000;
export const DOT_BUDGET_MAX = 1000;

export interface VoteOption {
  /** Stable id: the consent values, or `o1`, `o2`… in the order the moderator gave them. */
  id: string;
  label: string;
}

/** What a ballot says, by kind of vote. Ids are option ids. */
export interface ConsentChoice {
  option: ConsentOption;
  /** Required with `objection`, optional otherwise. */
  reason?: string;
}
export interface SingleChoice {
  option: string;
}
export interface MultipleChoice {
  /** One or more distinct options. */
  options: string[];
}
export interface ScoreChoice {
  /** Option id → 1..5; at least one option scored, unscored options mean "no opinion". */
  scores: Record<string, number>;
}
export interface RankingChoice {
  /** Every option, most preferred first: partial rankings are refused (see docs/decisions.md). */
  ranking: string[];
}
export interface DotChoice {
  /** Option id → whole points ≥ 0; the total is between 1 and the vote's budget. */
  points: Record<string, number>;
}
export type BallotChoice = ConsentChoice | SingleChoice | MultipleChoice | ScoreChoice | RankingChoice | DotChoice;

/** Body of `PUT /api/votes/:voteId/ballot`: exactly the fields of the vote's kind. */
export interface CastBallotRequest {
  option?: string;
  reason?: string;
  options?: string[];
  scores?: Record<string, number>;
  ranking?: string[];
  points?: Record<string, number>;
}

/** Body of `POST /api/axes/:axisId/votes`. */
export interface OpenVoteRequest {
  question: string;
  kind: VoteKind;
  /** Labels of the options, 2 to 30, distinct; absent for consent (its options are fixed). */
  options?: string[];
  /** Points each member distributes: required for `dot`, refused otherwise. */
  budget?: number;
  /** Secret ballots never expose who voted what; named ballots are listed with the results. */
  secret: boolean;
  /** Results before closing; refused with secret ballots (live results would reveal each new ballot). */
  resultsVisibleBeforeClose?: boolean;
  /** Share of eligible members who must vote, in (0, 1]; null or absent for none. */
  quorum?: number | null;
  /** The quorum also requires every collectivité type present among eligible members to have voted. */
  quorumAllTypes?: boolean;
  /** ISO date, in the future. */
  closesAt: string;
}

export interface ParticipationGroup<K> {
  /** null: members whose profile does not say. */
  key: K | null;
  voters: number;
  eligible: number;
  /** voters / eligible, 0..1. */
  rate: number;
}

/**
 * Who may vote: members whose role allows voting, plus anyone who already voted (a ballot cast
 * with the right to vote stays counted). Frozen when the vote closes.
 */
export interface Participation {
  voters: number;
  eligible: number;
  /** voters / eligible, 0..1 (0 when nobody is eligible). */
  rate: number;
  byCollectiviteType: Array<ParticipationGroup<CollectiviteType>>;
  byPopulationBand: Array<ParticipationGroup<PopulationBand>>;
}

export interface QuorumResult {
  /** The required share, or null when only the all-types rule applies. */
  share: number | null;
  /** Voters needed for the share (ceil(share × eligible)), null without a share. */
  required: number | null;
  allTypes: boolean;
  /** Collectivité types present among eligible members with no voter (only when `allTypes`). */
  missingTypes: CollectiviteType[];
  reached: boolean;
}

export interface OptionResult {
  optionId: string;
  label: string;
  /**
   * Ballots that chose the option (consent, single, multiple), scored it (score), gave it at
   * least one point (dot) or ranked it first (ranking).
   */
  count: number;
  /**
   * 0..100, one decimal: share of ballots (consent, single, multiple, score: ballots scoring it),
   * share of all points (dot, ranking).
   */
  percentage: number;
  /** 1 for the leading option(s); tied options share a rank (1, 1, 3…). */
  rank: number;
  /** Borda points (ranking) or points received (dot). */
  points?: number;
  /** Mean score, null when nobody scored it (score). */
  average?: number | null;
  /** Number of 1s, 2s… 5s (score). */
  distribution?: number[];
}

export interface VoteTally {
  kind: VoteKind;
  ballots: number;
  options: OptionResult[];
  /** Ids of the leading option(s): several when tied, none without ballots. */
  leading: string[];
  tie: boolean;
  participation: Participation;
  /** null when the vote has no quorum rule. */
  quorum: QuorumResult | null;
  /** Consent only: reasons of objections, sorted alphabetically (never in casting order). */
  objections?: string[];
  /** Consent only: at least one ballot and no objection. */
  consentGiven?: boolean;
}

export interface NamedBallot {
  userId: string;
  displayName: string;
  choice: BallotChoice;
}

export interface VoteResults extends VoteTally {
  /** Named votes only: who voted what, by display name. Never present for secret votes. */
  namedBallots?: NamedBallot[];
}

export type VoteStatus = 'open' | 'closed';

export interface VoteSummary {
  id: string;
  axisId: string;
  question: string;
  kind: VoteKind;
  options: VoteOption[];
  budget: number | null;
  secret: boolean;
  resultsVisibleBeforeClose: boolean;
  quorum: number | null;
  quorumAllTypes: boolean;
  closesAt: string;
  /** When it closed (early, or at `closesAt`); null while open. */
  closedAt: string | null;
  status: VoteStatus;
  openedBy: { userId: string | null; displayName: string | null };
  createdAt: string;
  voters: number;
  eligible: number;
  /** Whether the caller has cast a ballot. */
  hasVoted: boolean;
}

export interface VoteDetail extends VoteSummary {
  /**
   * The caller's ballot. For a secret vote it is readable only while the vote is open: closing
   * erases the link between ballots and voters, so afterwards `hasVoted` is all that remains.
   */
  myBallot: BallotChoice | null;
  /** Present when visible: after closing, or before when `resultsVisibleBeforeClose`. */
  results: VoteResults | null;
}

/** `GET /api/votes/:voteId/participation`. */
export interface VoteParticipation extends Participation {
  voteId: string;
  status: VoteStatus;
}
