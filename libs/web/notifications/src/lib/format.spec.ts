import { describe, expect, it } from 'vitest';
import { formatWhen, mentionHref, newestFirst } from './format';
import { makeNotification } from './fixtures';

describe('formatWhen', () => {
  const now = new Date('2026-11-21T12:00:00.000Z');

  it('says how long ago for the last seven days', () => {
    expect(formatWhen('2026-11-21T11:55:00.000Z', 'fr', now)).toBe('il y a 5 minutes');
    expect(formatWhen('2026-11-21T09:00:00.000Z', 'fr', now)).toBe('il y a 3 heures');
    expect(formatWhen('2026-11-20T12:00:00.000Z', 'fr', now)).toBe('hier');
    expect(formatWhen('2026-11-21T11:55:00.000Z', 'en', now)).toBe('5 minutes ago');
  });

  it('gives the date beyond a week, and the input when it is not a date', () => {
    expect(formatWhen('2026-11-01T12:00:00.000Z', 'fr', now)).toBe('1 novembre 2026');
    expect(formatWhen('pas une date', 'fr', now)).toBe('pas une date');
  });
});

describe('notification helpers', () => {
  it('sorts newest first and links to the thread card of the axis page', () => {
    const older = makeNotification({ id: 'n-1', createdAt: '2026-11-01T12:00:00.000Z' });
    const newer = makeNotification({ id: 'n-2', createdAt: '2026-11-02T12:00:00.000Z' });
    expect(newestFirst([older, newer]).map((n) => n.id)).toEqual(['n-2', 'n-1']);
    expect(mentionHref(newer)).toBe('/axes/a-1#thread-t-n-2');
  });
});
