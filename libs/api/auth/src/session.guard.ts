import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiException, PUBLIC_ROUTE } from '@miroir/api/core';
import { SESSION_COOKIE_NAME } from '@miroir/shared/contracts';
import type { Request } from 'express';
import { SessionService } from './session.service';


export interface AuthenticatedRequest extends Request {
  userId?: string;
  sessionToken?: string;
}

/** Applied globally: every route needs a live session unless marked `@Public()`. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token: unknown = request.cookies?.[SESSION_COOKIE_NAME];
    const userId = typeof token === 'string' && token ? await this.sessions.resolve(token) : null;
    if (userId && typeof token === 'string') {
      request.userId = userId;
      request.sessionToken = token;
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (!isPublic && !userId) throw ApiException.unauthenticated();
    return true;
  }
}

/** The signed-in user's id; only on routes the guard protects. */
export const CallerId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const userId = context.switchToHttp().getRequest<AuthenticatedRequest>().userId;
  if (!userId) throw ApiException.unauthenticated();
  return userId;
});
