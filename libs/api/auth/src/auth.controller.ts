import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, Public, type AppConfig } from '@miroir/api/core';
import { SESSION_COOKIE_NAME, type CurrentUser } from '@miroir/shared/contracts';
import type { Response } from 'express';
import { AuthService } from './auth.service';
import { LoginDto } from './dtos/login.dto';
import { ProfileDto } from './dtos/profile.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { CallerId, type AuthenticatedRequest } from './session.guard';
import { SessionService, type IssuedSession } from './session.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) response: Response): Promise<CurrentUser> {
    const { session, user } = await this.auth.login(body.email, body.password);
    setSessionCookie(response, session, this.config);
    return user;
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.sessionToken) await this.sessions.revoke(request.sessionToken);
    response.clearCookie(SESSION_COOKIE_NAME, { path: '/' });
  }

  @Get('me')
  me(@CallerId() userId: string): Promise<CurrentUser> {
    return this.auth.currentUser(userId);
  }

  @Patch('me')
  updateProfile(@CallerId() userId: string, @Body() body: ProfileDto): Promise<CurrentUser> {
    return this.auth.updateProfile(userId, body);
  }
}

export function setSessionCookie(response: Response, session: IssuedSession, config: AppConfig): void {
  response.cookie(SESSION_COOKIE_NAME, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
}
