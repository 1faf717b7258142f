/** Who a member speaks for: later issues break participation down by these fields. */
export const COLLECTIVITE_TYPES = ['commune', 'epci', 'departement', 'region', 'autre'] as const;
export type CollectiviteType = (typeof COLLECTIVITE_TYPES)[number];

/** Population bands of the collectivité, in inhabitants. */
export const POPULATION_BANDS = [
  'lt_3500',
  '3500_10000',
  '10000_20000',
  '20000_50000',
  '50000_100000',
  'gt_100000',
] as const;
export type PopulationBand = (typeof POPULATION_BANDS)[number];

export interface MemberProfile {
  displayName: string;
  /** Function held, e.g. DGS, DGA. */
  jobTitle: string | null;
  collectivite: string | null;
  collectiviteType: CollectiviteType | null;
  populationBand: PopulationBand | null;
}
