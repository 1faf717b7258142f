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

  /**
   * A live session and its user's name in one query (the socket handshake needs both): null when
   * the session is unknown or expired, or its user is gone.
   */
  async findLiveWithUser(id: string, now: Date): Promise<{ id: string; userId: string; lastSeenAt: Date; displayName: string } | null> {
    const rows: Array<{ id: string; userId: string; lastSeenAt: Date; displayName: string }> = await this.sessions.manager.query(
      `SELECT s.id, s.user_id AS "userId", s.last_seen_at AS "lastSeenAt", u.display_name AS "displayName"
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires_at > $2`,
      [id, now],
    );
    return rows[0] ?? null;
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
