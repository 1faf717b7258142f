import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@miroir/api/core';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MembershipEntity, SessionEntity, UserEntity, WorkspaceEntity } from './entities';
import { MembershipEvents } from './membership-events';
import { MembershipsRepository } from './memberships.repository';
import { PasswordHasher } from './password-hasher';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';
import { WorkspaceAccess } from './workspace-access.service';

/** Who is calling and with which role: sessions, accounts, workspaces and memberships. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity, WorkspaceEntity, MembershipEntity]),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [{ ttl: config.loginRateLimit.windowMs, limit: config.loginRateLimit.limit }],
    }),
  ],
  controllers: [AuthController],
  providers: [
    UsersRepository,
    SessionsRepository,
    MembershipsRepository,
    PasswordHasher,
    SessionService,
    AuthService,
    WorkspaceAccess,
    MembershipEvents,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [UsersRepository, MembershipsRepository, PasswordHasher, SessionService, AuthService, WorkspaceAccess, MembershipEvents],
})
export class AuthModule {}
