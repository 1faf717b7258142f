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
  };
}
