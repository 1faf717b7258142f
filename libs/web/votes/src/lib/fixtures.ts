import type { VoteDetail, VoteKind, VoteOption, VoteResults } from '@miroir/shared/contracts';

const CHOICES: VoteOption[] = [
  { id: 'o1', label: 'Ressource en eau' },
  { id: 'o2', label: 'Biodiversité' },
  { id: 'o3', label: 'Risques majeurs' },
];

const CONSENT: VoteOption[] = [
  { id: 'pour', label: 'Pour' },
  { id: 'abstention', label: 'Abstention' },
  { id: 'contre', label: 'Contre' },
  { id: 'objection', label: 'Objection' },
];

export function makeVote(kind: VoteKind, overrides: Partial<VoteDetail> = {}): VoteDetail {
  return {
    id: 'v-1',
    axisId: 'a-1',
    question: 'Quelle priorité pour l’axe 1\u00a0?',
    kind,
    options: kind === 'consent' ? CONSENT : CHOICES,
    budget: kind === 'dot' ? 10 : null,
    secret: true,
    resultsVisibleBeforeClose: false,
    quorum: null,
    quorumAllTypes: false,
    closesAt: '2030-01-01T12:00:00.000Z',
    closedAt: null,
    status: 'open',
    openedBy: { userId: 'u-mod', displayName: 'Julien Roumanille' },
    createdAt: '2026-11-01T12:00:00.000Z',
    voters: 1,
    eligible: 4,
    hasVoted: false,
    myBallot: null,
    results: null,
    ...overrides,
  };
}

export function makeResults(overrides: Partial<VoteResults> = {}): VoteResults {
  return {
    kind: 'consent',
    ballots: 2,
    options: [
      { optionId: 'pour', label: 'Pour', count: 1, percentage: 50, rank: 1 },
      { optionId: 'abstention', label: 'Abstention', count: 0, percentage: 0, rank: 3 },
      { optionId: 'contre', label: 'Contre', count: 0, percentage: 0, rank: 3 },
      { optionId: 'objection', label: 'Objection', count: 1, percentage: 50, rank: 1 },
    ],
    leading: ['pour', 'objection'],
    tie: true,
    participation: {
      voters: 2,
      eligible: 4,
      rate: 0.5,
      byCollectiviteType: [
        { key: 'commune', voters: 1, eligible: 1, rate: 1 },
        { key: 'epci', voters: 1, eligible: 1, rate: 1 },
        { key: 'departement', voters: 0, eligible: 1, rate: 0 },
        { key: null, voters: 0, eligible: 1, rate: 0 },
      ],
      byPopulationBand: [{ key: '10000_20000', voters: 1, eligible: 1, rate: 1 }],
    },
    quorum: { share: 0.75, required: 3, allTypes: true, missingTypes: ['departement'], reached: false },
    objections: ['Le calendrier est trop court.'],
    consentGiven: false,
    ...overrides,
  };
}
