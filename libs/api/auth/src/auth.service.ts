import { Injectable } from '@nestjs/common';
import { ApiException } from '@miroir/api/core';
import type { CurrentUser, MemberProfile } from '@miroir/shared/contracts';
import type { UserEntity } from './entities';
import { MembershipsRepository } from './memberships.repository';
import { PasswordHasher } from './password-hasher';
import { SessionService, type IssuedSession } from './session.service';
import { UsersRepository } from './users.repository';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly memberships: MembershipsRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  async login(email: string, password: string): Promise<{ session: IssuedSession; user: CurrentUser }> {
    const credentials = await this.users.findPasswordHash(email);
    const valid = await this.passwords.verify(credentials?.passwordHash, password);
    if (!valid || !credentials) {
      throw new ApiException(401, 'INVALID_CREDENTIALS', 'Wrong email or password');
    }
    return { session: await this.sessions.issue(credentials.id), user: await this.currentUser(credentials.id) };
  }

  async currentUser(userId: string): Promise<CurrentUser> {
    const user = await this.users.findById(userId);
    if (!user) throw ApiException.unauthenticated();
    const memberships = await this.memberships.listForUser(userId);
    return {
      ...toProfile(user),
      id: user.id,
      email: user.email,
      memberships: memberships.map((membership) => ({
        workspaceId: membership.workspaceId,
        workspaceName: membership.workspace?.name ?? '',
        role: membership.role,
      })),
    };
  }

  async updateProfile(userId: string, profile: Partial<MemberProfile>): Promise<CurrentUser> {
    await this.users.updateProfile(userId, profile);
    return this.currentUser(userId);
  }
}

export function toProfile(user: UserEntity): MemberProfile {
  return {
    displayName: user.displayName,
    jobTitle: user.jobTitle,
    collectivite: user.collectivite,
    collectiviteType: user.collectiviteType,
    populationBand: user.populationBand,
  };
}
