import { API_ERROR_CODES, type ApiErrorCode } from '@miroir/shared/contracts';
import type { TFunction } from 'i18next';

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** Translated message for an API error code; unknown codes fall back to a generic message. */
export function apiErrorMessage(t: TFunction, code: ApiErrorCode | string | undefined | null): string {
  return isApiErrorCode(code) ? t(`errors.codes.${code}`) : t('errors.unknown');
}

/**
 * Translated message for anything thrown by the API client: an error carrying an API `code`
 * (see `ApiError` in data-access), a network failure (`TypeError` raised by `fetch`), or else.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && isApiErrorCode((error as { code: unknown }).code)) {
    return apiErrorMessage(t, (error as { code: ApiErrorCode }).code);
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unknown');
}

/** Title to show above `errorMessage`: « Accès refusé », « Élément introuvable » or a generic one. */
export function errorTitle(t: TFunction, error: unknown): string {
  const code = error && typeof error === 'object' && 'code' in error ? (error as { code: unknown }).code : undefined;
  if (code === 'FORBIDDEN') return t('errors.forbiddenTitle');
  if (code === 'NOT_FOUND') return t('errors.notFoundTitle');
  return t('common.errorTitle');
}

/** Translated message for a field the API refused, from the names of the rules it failed. */
export function fieldErrorMessage(t: TFunction, constraints: readonly string[]): string {
  const known = constraints.find((constraint) => i18nHasFieldMessage(t, constraint));
  return t(`errors.fields.${known ?? 'invalid'}`);
}

function i18nHasFieldMessage(t: TFunction, constraint: string): boolean {
  return t(`errors.fields.${constraint}`, { defaultValue: '' }) !== '';
}
