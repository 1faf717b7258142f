import {
  CONSENT_OPTIONS,
  DOT_BUDGET_MAX,
  VOTE_KINDS,
  VOTE_MAX_OPTIONS,
  VOTE_MIN_OPTIONS,
  VOTE_OPTION_LABEL_MAX_LENGTH,
  type VoteKind,
  type VoteOption,
} from '@miroir/shared/contracts';

/** What the tally and the ballot check need to know of a vote. */
export interface VoteRules {
  kind: VoteKind;
  options: readonly VoteOption[];
  /** Points per member, dot votes only. */
  budget: number | null;
  /** Share of eligible members in (0, 1], or null. */
  quorum: number | null;
  quorumAllTypes: boolean;
}

/** Why a request or a ballot is refused: the offending field (dotted path) and the rule it broke. */
export interface Rejection {
  field: string;
  /** Rule name, translated by the web like class-validator's (`unknownOption`, `overBudget`…). */
  constraint: string;
  /** English explanation, for developers. */
  message: string;
}

export const CONSENT_LABELS: Record<(typeof CONSENT_OPTIONS)[number], string> = {
  pour: 'Pour',
  abstention: 'Abstention',
  contre: 'Contre',
  objection: 'Objection',
};

/** The options of a new vote: fixed for consent, `o1`, `o2`… for the labels given otherwise. */
export function buildVoteOptions(kind: VoteKind, labels: readonly string[] = []): VoteOption[] {
  if (kind === 'consent') return CONSENT_OPTIONS.map((id) => ({ id, label: CONSENT_LABELS[id] }));
  return labels.map((label, index) => ({ id: `o${index + 1}`, label: label.trim() }));
}

export interface VoteDefinitionInput {
  kind: VoteKind;
  options?: readonly string[];
  budget?: number | null;
  secret: boolean;
  resultsVisibleBeforeClose?: boolean;
  quorum?: number | null;
  quorumAllTypes?: boolean;
  closesAt: string | Date;
}

/**
 * The rules that tie the fields of a new vote together (the types of each field are checked by
 * the API's DTO). `now` is when the vote would open.
 */
export function checkVoteDefinition(input: VoteDefinitionInput, now: Date): Rejection | null {
  if (!VOTE_KINDS.includes(input.kind)) return { field: 'kind', constraint: 'isIn', message: `kind must be one of ${VOTE_KINDS.join(', ')}` };
  if (input.kind === 'consent') {
    if (input.options !== undefined && input.options.length > 0) {
      return { field: 'options', constraint: 'notAllowed', message: 'a consent vote has fixed options (pour, abstention, contre, objection)' };
    }
  } else {
    const labels = (input.options ?? []).map((label) => label.trim());
    if (labels.length < VOTE_MIN_OPTIONS || labels.length > VOTE_MAX_OPTIONS) {
      return { field: 'options', constraint: 'optionCount', message: `give between ${VOTE_MIN_OPTIONS} and ${VOTE_MAX_OPTIONS} options` };
    }
    const empty = labels.findIndex((label) => label.length === 0 || label.length > VOTE_OPTION_LABEL_MAX_LENGTH);
    if (empty >= 0) {
      return { field: `options.${empty}`, constraint: 'optionLabel', message: `an option label has 1 to ${VOTE_OPTION_LABEL_MAX_LENGTH} characters` };
    }
    const seen = new Set<string>();
    for (const [index, label] of labels.entries()) {
      const key = label.toLocaleLowerCase('fr');
      if (seen.has(key)) return { field: `options.${index}`, constraint: 'duplicateOption', message: `option "${label}" is given twice` };
      seen.add(key);
    }
  }
  if (input.kind === 'dot') {
    const budget = input.budget;
    if (budget === undefined || budget === null || !Number.isInteger(budget) || budget < 1 || budget > DOT_BUDGET_MAX) {
      return { field: 'budget', constraint: 'budgetRange', message: `a dot vote needs a whole budget of points between 1 and ${DOT_BUDGET_MAX}` };
    }
  } else if (input.budget !== undefined && input.budget !== null) {
    return { field: 'budget', constraint: 'notAllowed', message: 'only dot votes have a budget of points' };
  }
  if (input.quorum !== undefined && input.quorum !== null && !(input.quorum > 0 && input.quorum <= 1)) {
    return { field: 'quorum', constraint: 'quorumRange', message: 'quorum is a share of eligible members, greater than 0 and at most 1' };
  }
  if (input.secret && input.resultsVisibleBeforeClose) {
    return {
      field: 'resultsVisibleBeforeClose',
      constraint: 'secretLiveResults',
      message: 'secret ballots cannot show results before closing: each change of the results would reveal the ballot just cast',
    };
  }
  const closesAt = new Date(input.closesAt);
  if (Number.isNaN(closesAt.getTime()) || closesAt.getTime() <= now.getTime()) {
    return { field: 'closesAt', constraint: 'future', message: 'closesAt must be a date in the future' };
  }
  return null;
}
