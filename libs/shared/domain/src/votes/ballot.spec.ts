import type { VoteKind } from '@miroir/shared/contracts';
import { buildVoteOptions, type VoteRules } from './definition';
import { normalizeBallot, validateBallot } from './ballot';

function vote(kind: VoteKind, budget: number | null = null): VoteRules {
  return { kind, options: buildVoteOptions(kind, ['A', 'B', 'C']), budget, quorum: null, quorumAllTypes: false };
}

const rejection = (kind: VoteKind, input: unknown, budget: number | null = null) => {
  const result = validateBallot(vote(kind, budget), input);
  return result && { field: result.field, constraint: result.constraint };
};

describe('validateBallot', () => {
  it('refuses what is not an object, and fields of another kind', () => {
    expect(rejection('single_choice', null)).toEqual({ field: 'ballot', constraint: 'isObject' });
    expect(rejection('single_choice', ['o1'])).toEqual({ field: 'ballot', constraint: 'isObject' });
    expect(rejection('single_choice', { option: 'o1', reason: 'parce que' })).toEqual({ field: 'reason', constraint: 'notAllowed' });
    expect(rejection('dot', { points: { o1: 1 }, scores: { o1: 1 } }, 5)).toEqual({ field: 'scores', constraint: 'notAllowed' });
  });

  describe('consent', () => {
    it('accepts the four options, a reason being optional except for an objection', () => {
      for (const option of ['pour', 'abstention', 'contre']) expect(rejection('consent', { option })).toBeNull();
      expect(rejection('consent', { option: 'contre', reason: 'Trop coûteux' })).toBeNull();
      expect(rejection('consent', { option: 'objection', reason: 'Met en danger le budget formation' })).toBeNull();
    });

    it('refuses an objection without a reason, or with a blank one', () => {
      expect(rejection('consent', { option: 'objection' })).toEqual({ field: 'reason', constraint: 'reasonRequired' });
      expect(rejection('consent', { option: 'objection', reason: '   ' })).toEqual({ field: 'reason', constraint: 'reasonRequired' });
    });

    it('refuses an unknown or missing option and a reason that is not text or too long', () => {
      expect(rejection('consent', {})).toEqual({ field: 'option', constraint: 'required' });
      expect(rejection('consent', { option: 'o1' })).toEqual({ field: 'option', constraint: 'unknownOption' });
      expect(rejection('consent', { option: 'pour', reason: 3 })).toEqual({ field: 'reason', constraint: 'isString' });
      expect(rejection('consent', { option: 'objection', reason: 'x'.repeat(2001) })).toEqual({ field: 'reason', constraint: 'maxLength' });
    });
  });

  it('single choice: one existing option', () => {
    expect(rejection('single_choice', { option: 'o3' })).toBeNull();
    expect(rejection('single_choice', {})).toEqual({ field: 'option', constraint: 'required' });
    expect(rejection('single_choice', { option: 'o4' })).toEqual({ field: 'option', constraint: 'unknownOption' });
    expect(rejection('single_choice', { option: 1 })).toEqual({ field: 'option', constraint: 'unknownOption' });
  });

  it('multiple choice: one or more distinct existing options', () => {
    expect(rejection('multiple_choice', { options: ['o1', 'o3'] })).toBeNull();
    expect(rejection('multiple_choice', { options: [] })).toEqual({ field: 'options', constraint: 'emptyBallot' });
    expect(rejection('multiple_choice', { options: 'o1' })).toEqual({ field: 'options', constraint: 'isArray' });
    expect(rejection('multiple_choice', { options: ['o1', 'o9'] })).toEqual({ field: 'options.1', constraint: 'unknownOption' });
    expect(rejection('multiple_choice', { options: ['o1', 'o1'] })).toEqual({ field: 'options.1', constraint: 'duplicateOption' });
  });

  it('score: whole scores from 1 to 5 on existing options, at least one', () => {
    expect(rejection('score', { scores: { o1: 1, o2: 5 } })).toBeNull();
    expect(rejection('score', { scores: {} })).toEqual({ field: 'scores', constraint: 'emptyBallot' });
    expect(rejection('score', { scores: [3] })).toEqual({ field: 'scores', constraint: 'isObject' });
    expect(rejection('score', { scores: { o1: 0 } })).toEqual({ field: 'scores.o1', constraint: 'scoreRange' });
    expect(rejection('score', { scores: { o1: 6 } })).toEqual({ field: 'scores.o1', constraint: 'scoreRange' });
    expect(rejection('score', { scores: { o1: 2.5 } })).toEqual({ field: 'scores.o1', constraint: 'scoreRange' });
    expect(rejection('score', { scores: { o7: 3 } })).toEqual({ field: 'scores.o7', constraint: 'unknownOption' });
  });

  it('ranking: every option exactly once (partial rankings are refused)', () => {
    expect(rejection('ranking', { ranking: ['o2', 'o3', 'o1'] })).toBeNull();
    expect(rejection('ranking', { ranking: ['o2', 'o3'] })).toEqual({ field: 'ranking', constraint: 'incompleteRanking' });
    expect(rejection('ranking', { ranking: ['o2', 'o2', 'o1'] })).toEqual({ field: 'ranking.1', constraint: 'duplicateOption' });
    expect(rejection('ranking', { ranking: ['o2', 'o4', 'o1'] })).toEqual({ field: 'ranking.1', constraint: 'unknownOption' });
    expect(rejection('ranking', {})).toEqual({ field: 'ranking', constraint: 'required' });
  });

  it('dot: whole points on existing options, from 1 to the budget in total', () => {
    expect(rejection('dot', { points: { o1: 3, o2: 2 } }, 5)).toBeNull();
    expect(rejection('dot', { points: { o1: 1, o2: 0 } }, 5)).toBeNull();
    expect(rejection('dot', { points: { o1: 4, o2: 2 } }, 5)).toEqual({ field: 'points', constraint: 'overBudget' });
    expect(rejection('dot', { points: { o1: 0 } }, 5)).toEqual({ field: 'points', constraint: 'emptyBallot' });
    expect(rejection('dot', { points: { o1: -1, o2: 3 } }, 5)).toEqual({ field: 'points.o1', constraint: 'isInt' });
    expect(rejection('dot', { points: { o1: 1.5 } }, 5)).toEqual({ field: 'points.o1', constraint: 'isInt' });
    expect(rejection('dot', { points: { o9: 1 } }, 5)).toEqual({ field: 'points.o9', constraint: 'unknownOption' });
  });

  it('names the field in an English message', () => {
    expect(validateBallot(vote('dot', 5), { points: { o1: 6 } })?.message).toBe('6 points given, the budget is 5');
  });
});

describe('normalizeBallot', () => {
  it('keeps only what counts', () => {
    expect(normalizeBallot(vote('consent'), { option: 'objection', reason: '  Trop tôt  ' })).toEqual({ option: 'objection', reason: 'Trop tôt' });
    expect(normalizeBallot(vote('consent'), { option: 'pour', reason: ' ' })).toEqual({ option: 'pour' });
    expect(normalizeBallot(vote('dot', 5), { points: { o1: 0, o2: 5 } })).toEqual({ points: { o2: 5 } });
    expect(normalizeBallot(vote('ranking'), { ranking: ['o3', 'o1', 'o2'] })).toEqual({ ranking: ['o3', 'o1', 'o2'] });
  });
});
