import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from '@miroir/shared/contracts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence in depth beside the SameSite cookie: a state-changing request that a browser
 * marks as coming from another origin is refused. Clients that send no Origin (curl, tests)
 * are not browsers and cannot carry a victim's cookie.
 */
export function originCheck(allowedOrigins: readonly string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(request.method)) return next();
    const origin = request.get('origin') ?? refererOrigin(request.get('referer'));
    const ownOrigin = `${request.protocol}://${request.get('host')}`;
    if (!origin || origin === ownOrigin || allowedOrigins.includes(origin)) return next();
    const body: ApiErrorBody = { statusCode: 403, code: 'CSRF_ORIGIN_REJECTED', message: `Origin ${origin} is not allowed` };
    response.status(403).json(body);
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}
