import { SESSION_COOKIE_NAME } from '@miroir/shared/contracts';
import { startTestApp, type TestApp } from './support/test-app';

describe('authentication', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('signs in with the demo password and sets an httpOnly SameSite session cookie', async () => {
    const response = await testApp.anonymous().post('/api/auth/login').send({ email: 'Membre1@miroir.test', password: 'miroir-demo' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: 'membre1@miroir.test', displayName: 'Claire Mistral' });
    expect(response.body.memberships).toEqual([expect.objectContaining({ workspaceName: 'Groupe miroir DGS Vaucluse', role: 'member' })]);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE_NAME}=`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(response.body).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password and an unknown account with the same answer', async () => {
    const wrong = await testApp.anonymous().post('/api/auth/login').send({ email: 'membre2@miroir.test', password: 'nope-nope' });
    const unknown = await testApp.anonymous().post('/api/auth/login').send({ email: 'nobody@miroir.test', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 401 to /me when signed out, and after sign-out', async () => {
    await testApp.anonymous().get('/api/auth/me').expect(401);
    const agent = await testApp.signIn('membre3@miroir.test');
    await agent.get('/api/auth/me').expect(200);
    await agent.post('/api/auth/logout').expect(204);
    const after = await agent.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('names the invalid field of a malformed login', async () => {
    const response = await testApp.anonymous().post('/api/auth/login').send({ email: 'not-an-email', password: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.fields).toEqual([expect.objectContaining({ field: 'email' })]);
  });

  it('refuses unknown fields and malformed JSON with a 400', async () => {
    const extra = await testApp.anonymous().post('/api/auth/login').send({ email: 'a@b.fr', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.fields).toEqual([expect.objectContaining({ field: 'admin' })]);
    const malformed = await testApp.anonymous().post('/api/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });

  it('rate-limits repeated sign-in attempts on one account', async () => {
    const attempt = () => testApp.anonymous().post('/api/auth/login').send({ email: 'observateur@miroir.test', password: 'guess-guess' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await attempt();
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('refuses a state-changing request from another origin (CSRF)', async () => {
    const agent = await testApp.signIn('moderation@miroir.test');
    const response = await agent.post('/api/auth/logout').set('Origin', 'https://evil.example');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('CSRF_ORIGIN_REJECTED');
    await agent.get('/api/auth/me').expect(200);
  });

  it('sends security headers with a Content-Security-Policy', async () => {
    const response = await testApp.anonymous().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body.info.database.status).toBe('up');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets a user update their own profile, validating the enumerations', async () => {
    const agent = await testApp.signIn('membre2@miroir.test');
    const updated = await agent.patch('/api/auth/me').send({ jobTitle: 'DGA', populationBand: '20000_50000' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ jobTitle: 'DGA', populationBand: '20000_50000' });
    const invalid = await agent.patch('/api/auth/me').send({ collectiviteType: 'village' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.fields[0].field).toBe('collectiviteType');
  });

  it('serves the OpenAPI description', async () => {
    const response = await testApp.anonymous().get('/api/docs-json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/plans', '/api/plans/{planId}']));
  });
});
