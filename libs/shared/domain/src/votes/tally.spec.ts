import type { BallotChoice, VoteKind } from '@miroir/shared/contracts';
import { buildVoteOptions, type VoteRules } from './definition';
import { participation, percentage, quorum, tally, type Elector } from './tally';

function vote(kind: VoteKind, extra: Partial<VoteRules> = {}, labels = ['A', 'B', 'C']): VoteRules {
  return { kind, options: buildVoteOptions(kind, labels), budget: null, quorum: null, quorumAllTypes: false, ...extra };
}

/** The demo electorate: admin and moderator (autre, no band), three member DGS; all voted unless told. */
function demoElectorate(voted: boolean[] = [true, true, true, true, true]): Elector[] {
  const profiles: Array<Omit<Elector, 'voted'>> = [
    { collectiviteType: 'autre', populationBand: null },
    { collectiviteType: 'autre', populationBand: null },
    { collectiviteType: 'commune', populationBand: '10000_20000' },
    { collectiviteType: 'epci', populationBand: '50000_100000' },
    { collectiviteType: 'departement', populationBand: 'gt_100000' },
  ];
  return profiles.map((profile, index) => ({ ...profile, voted: voted[index] ?? false }));
}

const summary = (result: ReturnType<typeof tally>) =>
  result.options.map((option) => [option.optionId, option.count, option.percentage, option.rank]);

describe('percentage', () => {
  it('rounds to one decimal and gives 0 of nothing', () => {
    expect(percentage(1, 3)).toBe(33.3);
    expect(percentage(2, 3)).toBe(66.7);
    expect(percentage(0, 0)).toBe(0);
    expect(percentage(5, 5)).toBe(100);
  });
});

describe('tally', () => {
  describe('with no ballot', () => {
    it.each(['consent', 'single_choice', 'multiple_choice', 'score', 'ranking', 'dot'] as VoteKind[])('%s has zero counts and no leader', (kind) => {
      const result = tally(vote(kind, kind === 'dot' ? { budget: 5 } : {}), [], demoElectorate([false, false, false, false, false]));
      expect(result.ballots).toBe(0);
      expect(result.leading).toEqual([]);
      expect(result.tie).toBe(false);
      expect(result.options.every((option) => option.count === 0 && option.percentage === 0)).toBe(true);
      expect(result.participation).toMatchObject({ voters: 0, eligible: 5, rate: 0 });
      expect(result.quorum).toBeNull();
    });

    it('an empty consent vote is not a consent', () => {
      const result = tally(vote('consent'), [], []);
      expect(result).toMatchObject({ objections: [], consentGiven: false });
      expect(result.participation).toMatchObject({ voters: 0, eligible: 0, rate: 0, byCollectiviteType: [], byPopulationBand: [] });
    });
  });

  describe('consent', () => {
    it('counts each option and gives consent when nobody objects', () => {
      const ballots: BallotChoice[] = [{ option: 'pour' }, { option: 'pour' }, { option: 'abstention' }, { option: 'contre', reason: 'Coût' }];
      const result = tally(vote('consent'), ballots, demoElectorate([true, true, true, true, false]));
      expect(summary(result)).toEqual([
        ['pour', 2, 50, 1],
        ['abstention', 1, 25, 2],
        ['contre', 1, 25, 2],
        ['objection', 0, 0, 4],
      ]);
      expect(result.leading).toEqual(['pour']);
      expect(result).toMatchObject({ consentGiven: true, objections: [] });
      expect(result.options[0].label).toBe('Pour');
    });

    it('lists objection reasons sorted, never in casting order, and refuses consent', () => {
      const ballots: BallotChoice[] = [
        { option: 'objection', reason: 'Zone blanche non couverte' },
        { option: 'pour' },
        { option: 'objection', reason: 'Budget insuffisant' },
      ];
      const result = tally(vote('consent'), ballots, demoElectorate());
      expect(result.objections).toEqual(['Budget insuffisant', 'Zone blanche non couverte']);
      expect(result.consentGiven).toBe(false);
      expect(result.leading).toEqual(['objection']);
    });
  });

  describe('single choice', () => {
    it('finds the leader', () => {
      const result = tally(vote('single_choice'), [{ option: 'o2' }, { option: 'o2' }, { option: 'o1' }], demoElectorate());
      expect(summary(result)).toEqual([
        ['o1', 1, 33.3, 2],
        ['o2', 2, 66.7, 1],
        ['o3', 0, 0, 3],
      ]);
      expect(result).toMatchObject({ leading: ['o2'], tie: false, ballots: 3 });
    });

    it('shows a tie as a tie: shared rank, several leaders', () => {
      const result = tally(vote('single_choice'), [{ option: 'o1' }, { option: 'o3' }], demoElectorate());
      expect(summary(result)).toEqual([
        ['o1', 1, 50, 1],
        ['o2', 0, 0, 3],
        ['o3', 1, 50, 1],
      ]);
      expect(result).toMatchObject({ leading: ['o1', 'o3'], tie: true });
    });
  });

  describe('multiple choice', () => {
    it('gives each option the share of ballots that chose it', () => {
      const ballots: BallotChoice[] = [{ options: ['o1', 'o2'] }, { options: ['o2'] }, { options: ['o2', 'o3'] }, { options: ['o1'] }];
      const result = tally(vote('multiple_choice'), ballots, demoElectorate());
      expect(summary(result)).toEqual([
        ['o1', 2, 50, 2],
        ['o2', 3, 75, 1],
        ['o3', 1, 25, 3],
      ]);
      expect(result.leading).toEqual(['o2']);
    });

    it('ties', () => {
      const result = tally(vote('multiple_choice'), [{ options: ['o1', 'o2'] }], demoElectorate());
      expect(result).toMatchObject({ leading: ['o1', 'o2'], tie: true });
    });
  });

  describe('score', () => {
    it('gives averages and distributions, unscored options counting as no opinion', () => {
      const ballots: BallotChoice[] = [
        { scores: { o1: 5, o2: 3 } },
        { scores: { o1: 4, o2: 3 } },
        { scores: { o1: 4, o2: 5 } },
        { scores: { o2: 1 } },
      ];
      const result = tally(vote('score'), ballots, demoElectorate());
      expect(result.options.map((option) => [option.optionId, option.count, option.average, option.distribution, option.rank])).toEqual([
        ['o1', 3, 4.33, [0, 0, 0, 2, 1], 1],
        ['o2', 4, 3, [1, 0, 2, 0, 1], 2],
        ['o3', 0, null, [0, 0, 0, 0, 0], 3],
      ]);
      expect(result.options.map((option) => option.percentage)).toEqual([75, 100, 0]);
      expect(result.leading).toEqual(['o1']);
    });

    it('compares exact averages, and ties equal ones', () => {
      // 10/3 = 3.333… against 3.34 would round alike; 7/2 = 14/4 tie exactly.
      const ballots: BallotChoice[] = [
        { scores: { o1: 3, o2: 4, o3: 3 } },
        { scores: { o1: 3, o2: 3, o3: 4 } },
        { scores: { o1: 4, o2: 4, o3: 3 } },
        { scores: { o2: 3, o3: 4 } },
      ];
      const result = tally(vote('score'), ballots, demoElectorate());
      expect(result.options.map((option) => [option.average, option.rank])).toEqual([
        [3.33, 3],
        [3.5, 1],
        [3.5, 1],
      ]);
      expect(result).toMatchObject({ leading: ['o2', 'o3'], tie: true });
    });
  });

  describe('ranking (Borda count)', () => {
    it('gives n − 1 points to a first place, down to 0 for the last', () => {
      const four = vote('ranking', {}, ['A', 'B', 'C', 'D']);
      const ballots: BallotChoice[] = [
        { ranking: ['o1', 'o2', 'o3', 'o4'] }, // A 3, B 2, C 1, D 0
        { ranking: ['o2', 'o3', 'o1', 'o4'] }, // B 3, C 2, A 1
        { ranking: ['o2', 'o1', 'o4', 'o3'] }, // B 3, A 2, D 1
      ];
      const result = tally(four, ballots, demoElectorate());
      expect(result.options.map((option) => [option.optionId, option.points, option.count, option.rank])).toEqual([
        ['o1', 6, 1, 2],
        ['o2', 8, 2, 1],
        ['o3', 3, 0, 3],
        ['o4', 1, 0, 4],
      ]);
      // Percentages are shares of the 18 points given (3 ballots × (3 + 2 + 1 + 0)).
      expect(result.options.map((option) => option.percentage)).toEqual([33.3, 44.4, 16.7, 5.6]);
      expect(result).toMatchObject({ leading: ['o2'], tie: false });
    });

    it('shows a Borda tie as a tie, even when first places differ', () => {
      const ballots: BallotChoice[] = [{ ranking: ['o1', 'o2', 'o3'] }, { ranking: ['o2', 'o1', 'o3'] }];
      const result = tally(vote('ranking'), ballots, demoElectorate());
      expect(result.options.map((option) => [option.points, option.rank])).toEqual([
        [3, 1],
        [3, 1],
        [0, 3],
      ]);
      expect(result).toMatchObject({ leading: ['o1', 'o2'], tie: true });
    });

    it('can tie every option', () => {
      const ballots: BallotChoice[] = [{ ranking: ['o1', 'o2'] }, { ranking: ['o2', 'o1'] }];
      const result = tally(vote('ranking', {}, ['A', 'B']), ballots, demoElectorate());
      expect(result).toMatchObject({ leading: ['o1', 'o2'], tie: true });
    });
  });

  describe('dot', () => {
    it('adds the points and shares them out of all points given', () => {
      const ballots: BallotChoice[] = [{ points: { o1: 3, o2: 2 } }, { points: { o1: 5 } }, { points: { o3: 4 } }];
      const result = tally(vote('dot', { budget: 5 }), ballots, demoElectorate());
      expect(result.options.map((option) => [option.optionId, option.points, option.count, option.percentage, option.rank])).toEqual([
        ['o1', 8, 2, 57.1, 1],
        ['o2', 2, 1, 14.3, 3],
        ['o3', 4, 1, 28.6, 2],
      ]);
      expect(result.leading).toEqual(['o1']);
    });

    it('ties on points', () => {
      const result = tally(vote('dot', { budget: 4 }), [{ points: { o1: 2, o3: 2 } }], demoElectorate());
      expect(result).toMatchObject({ leading: ['o1', 'o3'], tie: true });
    });
  });
});

describe('participation', () => {
  it('breaks turnout down by collectivité type and population band, unknown last, empty groups left out', () => {
    const result = participation(demoElectorate([true, false, true, false, true]));
    expect(result).toMatchObject({ voters: 3, eligible: 5, rate: 0.6 });
    expect(result.byCollectiviteType).toEqual([
      { key: 'commune', voters: 1, eligible: 1, rate: 1 },
      { key: 'epci', voters: 0, eligible: 1, rate: 0 },
      { key: 'departement', voters: 1, eligible: 1, rate: 1 },
      { key: 'autre', voters: 1, eligible: 2, rate: 0.5 },
    ]);
    expect(result.byPopulationBand).toEqual([
      { key: '10000_20000', voters: 1, eligible: 1, rate: 1 },
      { key: '50000_100000', voters: 0, eligible: 1, rate: 0 },
      { key: 'gt_100000', voters: 1, eligible: 1, rate: 1 },
      { key: null, voters: 1, eligible: 2, rate: 0.5 },
    ]);
  });

  it('counts members without a type as unknown', () => {
    const result = participation([{ collectiviteType: null, populationBand: null, voted: true }]);
    expect(result.byCollectiviteType).toEqual([{ key: null, voters: 1, eligible: 1, rate: 1 }]);
  });
});

describe('quorum', () => {
  it('is absent without a rule', () => {
    expect(quorum({ quorum: null, quorumAllTypes: false }, demoElectorate())).toBeNull();
  });

  it('is reached at ceil(share × eligible) voters', () => {
    // 50 % of 5 → 3 voters.
    expect(quorum({ quorum: 0.5, quorumAllTypes: false }, demoElectorate([true, true, true, false, false]))).toEqual({
      share: 0.5,
      required: 3,
      allTypes: false,
      missingTypes: [],
      reached: true,
    });
    expect(quorum({ quorum: 0.3, quorumAllTypes: false }, Array.from({ length: 10 }, (_, index) => ({ collectiviteType: null, populationBand: null, voted: index < 3 })))).toMatchObject({
      required: 3,
      reached: true,
    });
  });

  it('is missed below it', () => {
    const result = quorum({ quorum: 0.5, quorumAllTypes: false }, demoElectorate([true, false, true, false, false]));
    expect(result).toMatchObject({ required: 3, reached: false });
  });

  it('needs at least one voter even when nobody is eligible', () => {
    expect(quorum({ quorum: 0.5, quorumAllTypes: false }, [])).toMatchObject({ required: 1, reached: false });
  });

  it('with all types required, names the types present among eligible members that have no voter', () => {
    // Enough voters (4 of 5) but the EPCI did not vote.
    const missed = quorum({ quorum: 0.5, quorumAllTypes: true }, demoElectorate([true, true, true, false, true]));
    expect(missed).toEqual({ share: 0.5, required: 3, allTypes: true, missingTypes: ['epci'], reached: false });
    // Every type voted with only 4 of 5 (one of the two "autre" stayed home).
    const reached = quorum({ quorum: 0.5, quorumAllTypes: true }, demoElectorate([false, true, true, true, true]));
    expect(reached).toMatchObject({ missingTypes: [], reached: true });
    // Types absent from the electorate (region) are not required.
    expect(reached?.missingTypes).not.toContain('region');
  });

  it('can require every type without a share', () => {
    expect(quorum({ quorum: null, quorumAllTypes: true }, demoElectorate([false, false, true, true, true]))).toEqual({
      share: null,
      required: null,
      allTypes: true,
      missingTypes: ['autre'],
      reached: false,
    });
  });

  it('is part of the tally', () => {
    const result = tally(vote('single_choice', { quorum: 0.8 }), [{ option: 'o1' }], demoElectorate([true, false, false, false, false]));
    expect(result.quorum).toMatchObject({ required: 4, reached: false });
  });
});
