import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuthService,
  MembershipEvents,
  MembershipsRepository,
  PasswordHasher,
  SessionService,
  UsersRepository,
  WorkspaceAccess,
  hashToken,
  toProfile,
  type IssuedSession,
  type MembershipEntity,
} from '@miroir/api/auth';
import { APP_CONFIG, ApiException, type AppConfig } from '@miroir/api/core';
import type {
  AcceptInvitationRequest,
  CurrentUser,
  InvitationCreated,
  InvitationPreview,
  Member,
  MembersPage,
  PendingInvitation,
  WorkspaceRole,
} from '@miroir/shared/contracts';
import { can } from '@miroir/shared/domain';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { InvitationEntity } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';

const DAY_MS = 86_400_000;

@Injectable()
export class MembersService {
  private readonly logger = new Logger(MembersService.name);

  constructor(
    private readonly access: WorkspaceAccess,
    private readonly memberships: MembershipsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly membershipEvents: MembershipEvents,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(callerId: string, workspaceId: string): Promise<MembersPage> {
    const role = await this.access.require(callerId, workspaceId, 'member.list');
    const [workspace, memberships] = await Promise.all([
      this.memberships.findWorkspace(workspaceId),
      this.memberships.listForWorkspace(workspaceId),
    ]);
    const invitations = can(role, 'member.manage') ? await this.invitations.listPending(workspaceId, new Date()) : [];
    return {
      workspaceId,
      workspaceName: workspace?.name ?? '',
      members: memberships.map(toMember),
      invitations: invitations.map(toPendingInvitation),
    };
  }

  async invite(callerId: string, workspaceId: string, email: string, role: WorkspaceRole): Promise<InvitationCreated> {
    await this.access.require(callerId, workspaceId, 'member.manage');
    const existing = await this.users.findByEmail(email);
    if (existing && (await this.memberships.roleOf(existing.id, workspaceId))) {
      throw new ApiException(409, 'CONFLICT', 'This person is already a member', [{ field: 'email', messages: ['already a member'], constraints: ['already_member'] }]);
    }
    const token = randomBytes(32).toString('base64url');
    const invitation = await this.invitations.create({
      workspaceId,
      email: email.toLowerCase(),
      role,
      tokenHash: hashToken(token),
      invitedBy: callerId,
      expiresAt: new Date(Date.now() + this.config.invitationTtlDays * DAY_MS),
    });
    const invitationUrl = `${this.config.publicUrl}/invitation/${token}`;
    // No mail server yet: the admin shares the link, and it is logged for the operator.
    this.logger.log(`Invitation for ${invitation.email} (${role}): ${invitationUrl}`);
    return { invitation: toPendingInvitation(invitation), invitationUrl };
  }

  async revokeInvitation(callerId: string, workspaceId: string, invitationId: string): Promise<void> {
    await this.access.require(callerId, workspaceId, 'member.manage');
    if (!(await this.invitations.revoke(workspaceId, invitationId))) throw ApiException.notFound('Invitation');
  }

  async changeRole(callerId: string, workspaceId: string, userId: string, role: WorkspaceRole): Promise<Member> {
    await this.access.require(callerId, workspaceId, 'member.manage');
    this.assertChanged(await this.memberships.changeKeepingAnAdmin(workspaceId, userId, { role }));
    this.membershipEvents.publish({ workspaceId, userId, role });
    const membership = (await this.memberships.listForWorkspace(workspaceId)).find((m) => m.userId === userId);
    if (!membership) throw ApiException.notFound('Member');
    return toMember(membership);
  }

  async remove(callerId: string, workspaceId: string, userId: string): Promise<void> {
    await this.access.require(callerId, workspaceId, 'member.manage');
    this.assertChanged(await this.memberships.changeKeepingAnAdmin(workspaceId, userId, 'remove'));
    this.membershipEvents.publish({ workspaceId, userId, role: null });
  }

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.findPending(token);
    const workspace = await this.memberships.findWorkspace(invitation.workspaceId);
    return {
      email: invitation.email,
      role: invitation.role,
      workspaceName: workspace?.name ?? '',
      accountExists: (await this.users.findByEmail(invitation.email)) !== null,
    };
  }

  /**
   * Creates the account (or, for an existing account, checks its password), adds the membership
   * and consumes the invitation in one transaction, then opens a session.
   */
  async accept(token: string, request: AcceptInvitationRequest): Promise<{ session: IssuedSession; user: CurrentUser }> {
    const invitation = await this.findPending(token);
    const existing = await this.users.findPasswordHash(invitation.email);
    if (existing && !(await this.passwords.verify(existing.passwordHash, request.password))) {
      throw new ApiException(401, 'INVALID_CREDENTIALS', 'Wrong password for the existing account');
    }
    if (!existing && !request.displayName) throw ApiException.invalidField('displayName', 'displayName should not be empty', 'isNotEmpty');
    const passwordHash = existing ? null : await this.passwords.hash(request.password);

    const userId = await this.dataSource.transaction(async (manager) => {
      if (!(await this.invitations.markAccepted(invitation.id, manager))) throw invitationInvalid();
      const id =
        existing?.id ??
        (
          await this.users.create(
            {
              email: invitation.email,
              passwordHash: passwordHash as string,
              displayName: request.displayName as string,
              jobTitle: request.jobTitle ?? null,
              collectivite: request.collectivite ?? null,
              collectiviteType: request.collectiviteType ?? null,
              populationBand: request.populationBand ?? null,
            },
            manager,
          )
        ).id;
      if (!(await this.memberships.roleOf(id, invitation.workspaceId))) {
        await this.memberships.add(invitation.workspaceId, id, invitation.role, manager);
      }
      return id;
    });
    return { session: await this.sessions.issue(userId), user: await this.auth.currentUser(userId) };
  }

  private async findPending(token: string): Promise<InvitationEntity> {
    const invitation = await this.invitations.findPendingByTokenHash(hashToken(token), new Date());
    if (!invitation) throw invitationInvalid();
    return invitation;
  }

  private assertChanged(outcome: 'done' | 'not_found' | 'last_admin'): void {
    if (outcome === 'not_found') throw ApiException.notFound('Member');
    if (outcome === 'last_admin') throw new ApiException(409, 'LAST_ADMIN', 'A workspace keeps at least one admin');
  }
}

function invitationInvalid(): ApiException {
  return new ApiException(404, 'INVITATION_INVALID', 'This invitation link is invalid, expired or already used');
}

function toMember(membership: MembershipEntity): Member {
  if (!membership.user) throw new Error('membership loaded without its user');
  return {
    ...toProfile(membership.user),
    userId: membership.userId,
    email: membership.user.email,
    role: membership.role,
    joinedAt: membership.createdAt.toISOString(),
  };
}

function toPendingInvitation(invitation: InvitationEntity): PendingInvitation {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invitedAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
