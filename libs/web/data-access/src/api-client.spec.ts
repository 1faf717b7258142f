import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@miroir/web/i18n';
import { ApiError, apiRequest } from './api-client';
import { api } from './endpoints';

function respond(status: number, body?: unknown, contentType = 'application/json') {
  const payload = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(async () => new Response(payload, { status, headers: { 'Content-Type': contentType } }));
}

describe('apiRequest', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends JSON with same-origin credentials and returns the parsed body', async () => {
    const fetchMock = respond(200, { id: 'p1' });
    vi.stubGlobal('fetch', fetchMock);

    await expect(apiRequest('/api/plans', { method: 'POST', body: { title: 'Plan' } })).resolves.toEqual({ id: 'p1' });

    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/plans');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe(JSON.stringify({ title: 'Plan' }));
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('resolves undefined for 204 No Content', async () => {
    vi.stubGlobal('fetch', respond(204));
    await expect(apiRequest('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('throws an ApiError carrying the ApiErrorBody, with field messages keyed by field name', async () => {
    const body = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Validation failed',
      fields: [
        { field: 'email', messages: ['email must be an email'], constraints: ['isEmail'] },
        { field: 'profile.populationBand', messages: ['invalid band', 'required'], constraints: ['isIn'] },
      ],
    };
    vi.stubGlobal('fetch', respond(400, body));

    const error = await apiRequest('/api/invitations/x/accept', { method: 'POST', body: {} }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('VALIDATION_FAILED');
    expect(apiError.body).toEqual(body);
    expect(apiError.fieldMessages(i18n.t)).toEqual({
      email: 'Saisissez une adresse électronique valide, par exemple prenom.nom@collectivite.fr.',
      populationBand: 'Choisissez une valeur de la liste.',
    });
  });

  it('derives the code from the status when the body is not an API error body', async () => {
    vi.stubGlobal('fetch', respond(403, '<html>Forbidden</html>', 'text/html'));
    const error = (await apiRequest('/api/plans').catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.status).toBe(403);
    expect(error.fields).toEqual([]);
  });

  it('maps an unexpected 502 to INTERNAL', async () => {
    vi.stubGlobal('fetch', respond(502));
    await expect(apiRequest('/api/plans')).rejects.toMatchObject({ code: 'INTERNAL', status: 502 });
  });

  it('lets network failures through as the TypeError of fetch', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(apiRequest('/api/plans')).rejects.toBeInstanceOf(TypeError);
  });
});

describe('api endpoints', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('me() resolves null on 401 instead of throwing', async () => {
    vi.stubGlobal('fetch', respond(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Unauthorized' }));
    await expect(api.me()).resolves.toBeNull();
  });

  it('me() still throws other errors', async () => {
    vi.stubGlobal('fetch', respond(500, { statusCode: 500, code: 'INTERNAL', message: 'boom' }));
    await expect(api.me()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('encodes path parameters', async () => {
    const fetchMock = respond(200, {});
    vi.stubGlobal('fetch', fetchMock);
    await api.moveAxis('a/b', { parentId: null, position: 2 });
    expect(fetchMock.mock.calls[0]?.[0 as never]).toBe('/api/axes/a%2Fb/move');
  });
});
