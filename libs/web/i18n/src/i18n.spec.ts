import { API_ERROR_CODES } from '@miroir/shared/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorMessage, errorMessage, errorTitle } from './errors';
import { LANGUAGE_STORAGE_KEY, i18n, setLanguage } from './i18n';
import { en } from './locales/en';
import { fr } from './locales/fr';

const t = i18n.getFixedT('fr');

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('API error code mapping', () => {
  it.each(API_ERROR_CODES)('has a dedicated French message for %s', (code) => {
    const message = apiErrorMessage(t, code);
    expect(message).not.toMatch(/^errors\./);
    expect(message.length).toBeGreaterThan(10);
    if (code !== 'INTERNAL') expect(message).not.toBe(t('errors.unknown'));
  });

  it('has an English message for every code too', () => {
    const tEn = i18n.getFixedT('en');
    for (const code of API_ERROR_CODES) {
      expect(apiErrorMessage(tEn, code)).toBe(en.errors.codes[code]);
    }
  });

  it('gives the expected French texts', () => {
    expect(apiErrorMessage(t, 'INVALID_CREDENTIALS')).toBe('Adresse électronique ou mot de passe incorrect.');
    expect(apiErrorMessage(t, 'LAST_ADMIN')).toContain('au moins un administrateur');
  });

  it('falls back to a generic message for unknown codes', () => {
    expect(apiErrorMessage(t, 'SOMETHING_NEW')).toBe(fr.errors.unknown);
    expect(apiErrorMessage(t, undefined)).toBe(fr.errors.unknown);
  });

  it('reads the code of thrown errors, and recognises network failures', () => {
    expect(errorMessage(t, { code: 'TOO_MANY_REQUESTS', status: 429 })).toBe(fr.errors.codes.TOO_MANY_REQUESTS);
    expect(errorMessage(t, new TypeError('Failed to fetch'))).toBe(fr.errors.network);
    expect(errorMessage(t, new Error('weird'))).toBe(fr.errors.unknown);
    expect(errorTitle(t, { code: 'FORBIDDEN' })).toBe('Accès refusé');
    expect(errorTitle(t, { code: 'NOT_FOUND' })).toBe('Élément introuvable');
  });
});

describe('resources', () => {
  it('French and English define exactly the same keys', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort());
  });

  it('French texts use typographic apostrophes', () => {
    const straight = keysOf(fr).filter((key) => {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], fr);
      return typeof value === 'string' && value.includes("'") && key !== 'common.breadcrumbs';
    });
    expect(straight).toEqual([]);
  });

  it('labels roles, statuses and population bands as specified', () => {
    expect(t('roles.admin')).toBe('Administrateur·rice');
    expect(t('statuses.open')).toBe('Ouvert aux contributions');
    expect(t('populationBands.lt_3500')).toBe('Moins de 3\u00a0500 hab.');
    expect(t('plans.axisCount', { count: 0 })).toBe('Aucun axe');
    expect(t('plans.axisCount', { count: 1 })).toBe('1 axe');
    expect(t('plans.axisCount', { count: 4 })).toBe('4 axes');
  });
});

describe('language switch', () => {
  afterEach(() => setLanguage('fr'));

  it('changes the language, updates <html lang> and remembers the choice', async () => {
    expect(document.documentElement.lang).toBe('fr');
    await setLanguage('en');
    expect(i18n.t('auth.signIn.submit')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });
});
