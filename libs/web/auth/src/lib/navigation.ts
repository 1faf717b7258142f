/** Where to go after signing in: only same-site paths are accepted (no open redirect). */
export function safeNextPath(next: string | null | undefined, fallback = '/plans'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.startsWith('/connexion')) return fallback;
  return next;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN_LENGTH = 10;
