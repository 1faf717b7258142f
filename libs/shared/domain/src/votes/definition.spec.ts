import { DOT_BUDGET_MAX, VOTE_MAX_OPTIONS } from '@miroir/shared/contracts';
import { buildVoteOptions, checkVoteDefinition, type VoteDefinitionInput } from './definition';

const NOW = new Date('2025-03-01T10:00:00Z');
const LATER = '2025-03-08T18:00:00Z';

function check(input: Partial<VoteDefinitionInput>) {
  return checkVoteDefinition({ kind: 'single_choice', options: ['A', 'B'], secret: false, closesAt: LATER, ...input }, NOW);
}

describe('buildVoteOptions', () => {
  it('gives consent its four fixed options, whose ids are the values', () => {
    expect(buildVoteOptions('consent')).toEqual([
      { id: 'pour', label: 'Pour' },
      { id: 'abstention', label: 'Abstention' },
      { id: 'contre', label: 'Contre' },
      { id: 'objection', label: 'Objection' },
    ]);
  });

  it('numbers the other options in the order given, trimming labels', () => {
    expect(buildVoteOptions('ranking', [' Axe 1 ', 'Axe 2', 'Axe 3'])).toEqual([
      { id: 'o1', label: 'Axe 1' },
      { id: 'o2', label: 'Axe 2' },
      { id: 'o3', label: 'Axe 3' },
    ]);
  });
});

describe('checkVoteDefinition', () => {
  it('accepts a well-formed vote of every kind', () => {
    expect(check({})).toBeNull();
    expect(check({ kind: 'consent', options: undefined })).toBeNull();
    expect(check({ kind: 'consent', options: [] })).toBeNull();
    expect(check({ kind: 'multiple_choice' })).toBeNull();
    expect(check({ kind: 'score', quorum: 0.5, quorumAllTypes: true })).toBeNull();
    expect(check({ kind: 'ranking', quorum: 1 })).toBeNull();
    expect(check({ kind: 'dot', budget: 10 })).toBeNull();
    expect(check({ secret: true })).toBeNull();
    expect(check({ resultsVisibleBeforeClose: true })).toBeNull();
  });

  it('refuses options on a consent vote', () => {
    expect(check({ kind: 'consent', options: ['A', 'B'] })).toMatchObject({ field: 'options', constraint: 'notAllowed' });
  });

  it('needs 2 to 30 non-empty distinct options for the other kinds', () => {
    expect(check({ options: ['A'] })).toMatchObject({ field: 'options', constraint: 'optionCount' });
    expect(check({ options: undefined })).toMatchObject({ field: 'options', constraint: 'optionCount' });
    expect(check({ options: Array.from({ length: VOTE_MAX_OPTIONS + 1 }, (_, index) => `Option ${index}`) })).toMatchObject({
      field: 'options',
      constraint: 'optionCount',
    });
    expect(check({ options: ['A', '  '] })).toMatchObject({ field: 'options.1', constraint: 'optionLabel' });
    expect(check({ options: ['Axe A', 'B', 'axe a '] })).toMatchObject({ field: 'options.2', constraint: 'duplicateOption' });
  });

  it('needs a whole budget for dot votes and refuses one elsewhere', () => {
    expect(check({ kind: 'dot' })).toMatchObject({ field: 'budget', constraint: 'budgetRange' });
    expect(check({ kind: 'dot', budget: 0 })).toMatchObject({ field: 'budget', constraint: 'budgetRange' });
    expect(check({ kind: 'dot', budget: 2.5 })).toMatchObject({ field: 'budget', constraint: 'budgetRange' });
    expect(check({ kind: 'dot', budget: DOT_BUDGET_MAX + 1 })).toMatchObject({ field: 'budget', constraint: 'budgetRange' });
    expect(check({ kind: 'score', budget: 5 })).toMatchObject({ field: 'budget', constraint: 'notAllowed' });
  });

  it('takes a quorum in (0, 1]', () => {
    expect(check({ quorum: 0 })).toMatchObject({ field: 'quorum', constraint: 'quorumRange' });
    expect(check({ quorum: 1.2 })).toMatchObject({ field: 'quorum', constraint: 'quorumRange' });
    expect(check({ quorum: null })).toBeNull();
  });

  it('refuses live results on a secret vote', () => {
    expect(check({ secret: true, resultsVisibleBeforeClose: true })).toMatchObject({
      field: 'resultsVisibleBeforeClose',
      constraint: 'secretLiveResults',
    });
  });

  it('needs a closing date in the future', () => {
    expect(check({ closesAt: NOW.toISOString() })).toMatchObject({ field: 'closesAt', constraint: 'future' });
    expect(check({ closesAt: '2025-02-01T00:00:00Z' })).toMatchObject({ field: 'closesAt', constraint: 'future' });
    expect(check({ closesAt: 'not a date' })).toMatchObject({ field: 'closesAt', constraint: 'future' });
  });
});
