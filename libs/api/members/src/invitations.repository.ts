import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, type EntityManager, type Repository } from 'typeorm';
import { InvitationEntity } from './invitation.entity';

@Injectable()
export class InvitationsRepository {
  constructor(@InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>) {}

  create(invitation: Pick<InvitationEntity, 'workspaceId' | 'email' | 'role' | 'tokenHash' | 'invitedBy' | 'expiresAt'>): Promise<InvitationEntity> {
    return this.invitations.save(this.invitations.create(invitation));
  }

  listPending(workspaceId: string, now: Date): Promise<InvitationEntity[]> {
    return this.invitations.find({
      where: { workspaceId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'DESC' },
    });
  }

  findPendingByTokenHash(tokenHash: string, now: Date): Promise<InvitationEntity | null> {
    return this.invitations.findOneBy({ tokenHash, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** Marks the invitation used, inside the caller's transaction; false if someone used it first. */
  async markAccepted(id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .getRepository(InvitationEntity)
      .update({ id, acceptedAt: IsNull(), revokedAt: IsNull() }, { acceptedAt: new Date() });
    return (result.affected ?? 0) === 1;
  }

  async revoke(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.invitations.update({ id, workspaceId, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) === 1;
  }
}
