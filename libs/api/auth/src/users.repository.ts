import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MemberProfile } from '@miroir/shared/contracts';
import type { EntityManager, Repository } from 'typeorm';
import { UserEntity } from './entities';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  async findPasswordHash(email: string): Promise<{ id: string; passwordHash: string } | null> {
    return this.users
      .createQueryBuilder('user')
      .select(['user.id', 'user.passwordHash'])
      .where('user.email = :email', { email: email.toLowerCase() })
      .getOne();
  }

  create(
    user: MemberProfile & { email: string; passwordHash: string },
    manager: EntityManager = this.users.manager,
  ): Promise<UserEntity> {
    return manager.getRepository(UserEntity).save(manager.create(UserEntity, { ...user, email: user.email.toLowerCase() }));
  }

  async updateProfile(id: string, profile: Partial<MemberProfile>): Promise<void> {
    await this.users.update({ id }, profile);
  }
}
