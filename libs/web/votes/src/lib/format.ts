import type { BallotChoice, VoteKind, VoteOption } from '@miroir/shared/contracts';
import type { TFunction } from '@miroir/web/i18n';

/** The label of an option: consent options are translated, the others are the moderator's text. */
export function optionLabel(t: TFunction, kind: VoteKind, option: VoteOption): string {
  return kind === 'consent' ? t(`votes.consentOptions.${option.id}`, { defaultValue: option.label }) : option.label;
}

export function labelOf(t: TFunction, kind: VoteKind, options: readonly VoteOption[], id: string): string {
  const option = options.find((candidate) => candidate.id === id);
  return option ? optionLabel(t, kind, option) : id;
}

/** 0..1 → « 66,7 % » in the current language. */
export function formatRate(language: string, rate: number): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** 0..100 (one decimal) → « 66,7 % ». */
export function formatPercentage(language: string, percentage: number): string {
  return formatRate(language, percentage / 100);
}

export function formatNumber(language: string, value: number): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }).format(value);
}

export function formatDateTime(language: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** A ballot in words, for named ballots: « Objection (motif) », « A, B », « A : 4 ; B : 2 »… */
export function describeChoice(t: TFunction, kind: VoteKind, options: readonly VoteOption[], choice: BallotChoice): string {
  const label = (id: string) => labelOf(t, kind, options, id);
  if ('ranking' in choice) return choice.ranking.map((id, index) => `${index + 1}. ${label(id)}`).join(', ');
  if ('options' in choice) return choice.options.map(label).join(', ');
  if ('scores' in choice) {
    return Object.entries(choice.scores)
      .map(([id, score]) => t('common.labelValue', { label: label(id), value: score }))
      .join(' ; ');
  }
  if ('points' in choice) {
    return Object.entries(choice.points)
      .map(([id, points]) => t('common.labelValue', { label: label(id), value: points }))
      .join(' ; ');
  }
  const reason = 'reason' in choice && choice.reason ? ` (${choice.reason})` : '';
  return `${label(choice.option)}${reason}`;
}
