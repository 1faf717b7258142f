import { join, resolve } from 'node:path';

/** Settings read once from the environment by the api's composition root. */
export interface AppConfig {
  /** Public address of the app, used in invitation links and the allowed-origin list. */
  publicUrl: string;
  /** Extra origins allowed to send state-changing requests (e.g. the Vite dev server). */
  allowedOrigins: string[];
  secureCookies: boolean;
  sessionTtlDays: number;
  invitationTtlDays: number;
  loginRateLimit: { limit: number; windowMs: number };
  /**
   * Key of the HMAC that stands for a member on a secret ballot (`BALLOT_SECRET`); when unset,
   * read from (or generated into) `ballotSecretFile`. Never stored in the database.
   */
  ballotSecret: string | null;
  /** `BALLOT_SECRET_FILE`, default `<DATA_DIR>/ballot-secret`; shared by every instance. */
  ballotSecretFile: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function readAppConfig(env: NodeJS.ProcessEnv, port: number): AppConfig {
  const publicUrl = (env['PUBLIC_URL'] ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    publicUrl,
    allowedOrigins: (env['ALLOWED_ORIGINS'] ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    secureCookies: env['COOKIE_SECURE'] ? env['COOKIE_SECURE'] === '1' : publicUrl.startsWith('https://'),
    sessionTtlDays: Number(env['SESSION_TTL_DAYS'] ?? 14),
    invitationTtlDays: Number(env['INVITATION_TTL_DAYS'] ?? 14),
    loginRateLimit: { limit: Number(env['LOGIN_RATE_LIMIT'] ?? 10), windowMs: 60_000 },
    ballotSecret: env['BALLOT_SECRET'] || null,
    ballotSecretFile: resolve(env['BALLOT_SECRET_FILE'] ?? join(env['DATA_DIR'] ?? '.data', 'ballot-secret')),
  };
}
