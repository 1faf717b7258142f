import {
  CONSENT_OPTIONS,
  SCORE_MAX,
  SCORE_MIN,
  VOTE_REASON_MAX_LENGTH,
  type BallotChoice,
  type ConsentOption,
  type VoteKind,
} from '@miroir/shared/contracts';
import type { Rejection, VoteRules } from './definition';

/** The fields a ballot of each kind carries; any other field is refused. */
export const BALLOT_FIELDS: Record<VoteKind, readonly string[]> = {
  consent: ['option', 'reason'],
  single_choice: ['option'],
  multiple_choice: ['options'],
  score: ['scores'],
  ranking: ['ranking'],
  dot: ['points'],
};

function reject(field: string, constraint: string, message: string): Rejection {
  return { field, constraint, message };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why `input` is not a valid ballot for `vote`, naming the offending field, or null when it is.
 * Accepts anything (it is what a client sent), so it also checks types.
 */
export function validateBallot(vote: VoteRules, input: unknown): Rejection | null {
  if (!isPlainObject(input)) return reject('ballot', 'isObject', 'a ballot is an object');
  const allowed = BALLOT_FIELDS[vote.kind];
  for (const [field, value] of Object.entries(input)) {
    if (value !== undefined && !allowed.includes(field)) {
      return reject(field, 'notAllowed', `a ${vote.kind} ballot has only ${allowed.join(', ')}`);
    }
  }
  const optionIds = new Set(vote.options.map((option) => option.id));

  switch (vote.kind) {
    case 'consent': {
      const { option, reason } = input;
      if (option === undefined) return reject('option', 'required', `option is one of ${CONSENT_OPTIONS.join(', ')}`);
      if (typeof option !== 'string' || !CONSENT_OPTIONS.includes(option as ConsentOption)) {
        return reject('option', 'unknownOption', `option must be one of ${CONSENT_OPTIONS.join(', ')}`);
      }
      if (reason !== undefined && typeof reason !== 'string') return reject('reason', 'isString', 'reason is a text');
      if (typeof reason === 'string' && reason.length > VOTE_REASON_MAX_LENGTH) {
        return reject('reason', 'maxLength', `reason has at most ${VOTE_REASON_MAX_LENGTH} characters`);
      }
      if (option === 'objection' && (typeof reason !== 'string' || reason.trim() === '')) {
        return reject('reason', 'reasonRequired', 'an objection must give its reason');
      }
      return null;
    }
    case 'single_choice': {
      const { option } = input;
      if (option === undefined) return reject('option', 'required', 'choose one option');
      if (typeof option !== 'string' || !optionIds.has(option)) return reject('option', 'unknownOption', `option ${String(option)} does not exist`);
      return null;
    }
    case 'multiple_choice': {
      const { options } = input;
      if (options === undefined) return reject('options', 'required', 'choose at least one option');
      if (!Array.isArray(options)) return reject('options', 'isArray', 'options is a list of option ids');
      if (options.length === 0) return reject('options', 'emptyBallot', 'choose at least one option');
      const seen = new Set<string>();
      for (const [index, id] of options.entries()) {
        if (typeof id !== 'string' || !optionIds.has(id)) return reject(`options.${index}`, 'unknownOption', `option ${String(id)} does not exist`);
        if (seen.has(id)) return reject(`options.${index}`, 'duplicateOption', `option ${id} is chosen twice`);
        seen.add(id);
      }
      return null;
    }
    case 'score': {
      const { scores } = input;
      if (scores === undefined) return reject('scores', 'required', 'score at least one option');
      if (!isPlainObject(scores)) return reject('scores', 'isObject', 'scores maps option ids to a score');
      const entries = Object.entries(scores);
      if (entries.length === 0) return reject('scores', 'emptyBallot', 'score at least one option');
      for (const [id, score] of entries) {
        if (!optionIds.has(id)) return reject(`scores.${id}`, 'unknownOption', `option ${id} does not exist`);
        if (typeof score !== 'number' || !Number.isInteger(score) || score < SCORE_MIN || score > SCORE_MAX) {
          return reject(`scores.${id}`, 'scoreRange', `a score is a whole number from ${SCORE_MIN} to ${SCORE_MAX}`);
        }
      }
      return null;
    }
    case 'ranking': {
      const { ranking } = input;
      if (ranking === undefined) return reject('ranking', 'required', 'rank every option');
      if (!Array.isArray(ranking)) return reject('ranking', 'isArray', 'ranking is the list of option ids, most preferred first');
      const seen = new Set<string>();
      for (const [index, id] of ranking.entries()) {
        if (typeof id !== 'string' || !optionIds.has(id)) return reject(`ranking.${index}`, 'unknownOption', `option ${String(id)} does not exist`);
        if (seen.has(id)) return reject(`ranking.${index}`, 'duplicateOption', `option ${id} is ranked twice`);
        seen.add(id);
      }
      if (seen.size !== optionIds.size) return reject('ranking', 'incompleteRanking', `rank all ${optionIds.size} options`);
      return null;
    }
    case 'dot': {
      const { points } = input;
      if (points === undefined) return reject('points', 'required', 'give points to at least one option');
      if (!isPlainObject(points)) return reject('points', 'isObject', 'points maps option ids to a number of points');
      let total = 0;
      for (const [id, given] of Object.entries(points)) {
        if (!optionIds.has(id)) return reject(`points.${id}`, 'unknownOption', `option ${id} does not exist`);
        if (typeof given !== 'number' || !Number.isInteger(given) || given < 0) return reject(`points.${id}`, 'isInt', 'points are whole numbers, 0 or more');
        total += given;
      }
      const budget = vote.budget ?? 0;
      if (total > budget) return reject('points', 'overBudget', `${total} points given, the budget is ${budget}`);
      if (total === 0) return reject('points', 'emptyBallot', 'give at least one point');
      return null;
    }
  }
}

/**
 * The ballot as stored: only the fields of its kind, the reason trimmed (and dropped when empty),
 * zero-point entries dropped. Call after `validateBallot` returned null.
 */
export function normalizeBallot(vote: VoteRules, input: Record<string, unknown>): BallotChoice {
  switch (vote.kind) {
    case 'consent': {
      const reason = typeof input['reason'] === 'string' ? input['reason'].trim() : '';
      return { option: input['option'] as ConsentOption, ...(reason ? { reason } : {}) };
    }
    case 'single_choice':
      return { option: input['option'] as string };
    case 'multiple_choice':
      return { options: [...(input['options'] as string[])] };
    case 'score':
      return { scores: { ...(input['scores'] as Record<string, number>) } };
    case 'ranking':
      return { ranking: [...(input['ranking'] as string[])] };
    case 'dot':
      return { points: Object.fromEntries(Object.entries(input['points'] as Record<string, number>).filter(([, given]) => given > 0)) };
  }
}
