import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { SessionEntity } from './entities';

@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>) {}

  async create(id: string, userId: string, expiresAt: Date): Promise<void> {
    await this.sessions.insert({ id, userId, expiresAt, lastSeenAt: new Date() });
  }

  findLive(id: string, now: Date): Promise<SessionEntity | null> {
    return this.sessions.createQueryBuilder('s').where('s.id = :id AND s.expires_at > :now', { id, now }).getOne();
  }

  async extend(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.sessions.update({ id }, { lastSeenAt, expiresAt });
  }

  async delete(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThan(now) });
  }
}
