import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { lockAxisRow } from '@miroir/api/db';
import type { BallotChoice, NamedBallot, VoteTally, WorkspaceRole } from '@miroir/shared/contracts';
import type { Elector } from '@miroir/shared/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { VoteEntity } from './vote.entity';

export type NewVote = Omit<VoteEntity, 'id' | 'createdAt' | 'closedAt' | 'results'>;

export interface CastBallot {
  voteId: string;
  userId: string;
  secret: boolean;
  /** HMAC standing for the member on a secret ballot; null for a named one. */
  voterKey: string | null;
  choice: BallotChoice;
}

export type FinalizeOutcome =
  | { outcome: 'missing' }
  | { outcome: 'already_closed' | 'not_due'; vote: VoteEntity }
  | { outcome: 'closed'; vote: VoteEntity; expired: boolean };

@Injectable()
export class VotesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Under the axis row's share lock (see `lockAxisRow`), so that no vote opens on an axis being
   * closed; null when the axis is closed.
   */
  insertVote(vote: NewVote): Promise<VoteEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      if ((await lockAxisRow(manager, vote.axisId, 'share')) === 'closed') return null;
      const votes = manager.getRepository(VoteEntity);
      return votes.save(votes.create(vote));
    });
  }

  findVote(id: string): Promise<VoteEntity | null> {
    return this.dataSource.getRepository(VoteEntity).findOneBy({ id });
  }

  /** Newest first. */
  listForAxis(axisId: string): Promise<VoteEntity[]> {
    return this.dataSource.getRepository(VoteEntity).find({ where: { axisId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async displayNames(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ id: string; displayName: string }> = await this.dataSource.query(
      `SELECT id, display_name AS "displayName" FROM users WHERE id = ANY($1)`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.id, row.displayName]));
  }

  /** Which of these votes the user took part in. */
  async votedIn(userId: string, voteIds: string[]): Promise<Set<string>> {
    if (voteIds.length === 0) return new Set();
    const rows: Array<{ voteId: string }> = await this.dataSource.query(
      `SELECT vote_id AS "voteId" FROM vote_participations WHERE user_id = $1 AND vote_id = ANY($2)`,
      [userId, voteIds],
    );
    return new Set(rows.map((row) => row.voteId));
  }

  /**
   * The members whose role lets them vote in the workspace, plus whoever already voted (a ballot
   * cast with the right to vote stays counted), each with their profile and whether they voted.
   */
  electorate(workspaceId: string, voteId: string, votingRoles: readonly WorkspaceRole[], manager: EntityManager = this.dataSource.manager): Promise<Elector[]> {
    return manager.query(
      `SELECT u.collectivite_type AS "collectiviteType", u.population_band AS "populationBand",
              EXISTS (SELECT 1 FROM vote_participations p WHERE p.vote_id = $2 AND p.user_id = u.id) AS voted
         FROM users u
        WHERE u.id IN (SELECT m.user_id FROM memberships m WHERE m.workspace_id = $1 AND m.role = ANY($3)
                       UNION SELECT p.user_id FROM vote_participations p WHERE p.vote_id = $2)
        ORDER BY u.id`,
      [workspaceId, voteId, votingRoles],
    );
  }

  /** Every choice of a vote, and nothing else: no id, no voter, no time. */
  async ballotChoices(voteId: string, manager: EntityManager = this.dataSource.manager): Promise<BallotChoice[]> {
    const rows: Array<{ choice: BallotChoice }> = await manager.query(`SELECT choice FROM ballots WHERE vote_id = $1`, [voteId]);
    return rows.map((row) => row.choice);
  }

  /** Who voted what, for named votes only (the SQL itself refuses secret ballots). */
  namedBallots(voteId: string): Promise<NamedBallot[]> {
    return this.dataSource.query(
      `SELECT b.user_id AS "userId", u.display_name AS "displayName", b.choice
         FROM ballots b JOIN users u ON u.id = b.user_id
        WHERE b.vote_id = $1 AND NOT b.secret
        ORDER BY u.display_name, b.user_id`,
      [voteId],
    );
  }

  async ownBallot(voteId: string, owner: { userId: string } | { voterKey: string }): Promise<BallotChoice | null> {
    const rows: Array<{ choice: BallotChoice }> =
      'userId' in owner
        ? await this.dataSource.query(`SELECT choice FROM ballots WHERE vote_id = $1 AND user_id = $2 AND NOT secret`, [voteId, owner.userId])
        : await this.dataSource.query(`SELECT choice FROM ballots WHERE vote_id = $1 AND voter_key = $2 AND secret`, [voteId, owner.voterKey]);
    return rows[0]?.choice ?? null;
  }

  async voterCount(voteId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS count FROM vote_participations WHERE vote_id = $1`, [voteId]);
    return row.count;
  }

  /**
   * Casts or changes a ballot, in one transaction holding a share lock on the vote so that it
   * cannot close in between. One ballot per member is enforced by the unique constraints; a
   * change is an upsert. For a secret vote, the participation row (who) and the ballot (what,
   * under the voter key) must agree on whether this is the member's first ballot: if they do not,
   * the ballot key has changed and the cast is refused rather than counted twice.
   */
  cast(ballot: CastBallot): Promise<'cast' | 'closed' | 'missing'> {
    return this.dataSource.transaction(async (manager) => {
      const votes: Array<{ closed: boolean }> = await manager.query(
        `SELECT (closed_at IS NOT NULL OR closes_at <= now()) AS closed FROM votes WHERE id = $1 FOR SHARE`,
        [ballot.voteId],
      );
      if (votes.length === 0) return 'missing';
      if (votes[0].closed) return 'closed';
      const participation = await manager.query(
        `INSERT INTO vote_participations (vote_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING vote_id`,
        [ballot.voteId, ballot.userId],
      );
      const first = participation.length === 1;
      const choice = JSON.stringify(ballot.choice);
      if (ballot.secret) {
        if (!ballot.voterKey) throw new Error('A secret ballot needs a voter key');
        const [row]: Array<{ inserted: boolean }> = await manager.query(
          `INSERT INTO ballots (vote_id, secret, voter_key, choice) VALUES ($1, true, $2, $3::jsonb)
           ON CONFLICT (vote_id, voter_key) DO UPDATE SET choice = EXCLUDED.choice
           RETURNING (xmax = 0) AS inserted`,
          [ballot.voteId, ballot.voterKey, choice],
        );
        if (row.inserted !== first) throw new Error('Secret ballot and participation disagree: the ballot secret has changed');
      } else {
        await manager.query(
          `INSERT INTO ballots (vote_id, secret, user_id, choice, updated_at) VALUES ($1, false, $2, $3::jsonb, now())
           ON CONFLICT (vote_id, user_id) DO UPDATE SET choice = EXCLUDED.choice, updated_at = now()`,
          [ballot.voteId, ballot.userId, choice],
        );
      }
      return 'cast';
    });
  }

  /**
   * Closes a vote, early or because its time has come, with the vote row locked: casts wait for
   * it or see it closed. A secret vote's ballots lose their voter keys and are rewritten in random
   * order, so that neither the key nor the order of the rows can tie them to a member any more.
   * `results` computes the tally frozen with the vote, in the same transaction.
   */
  finalize(voteId: string, early: boolean, results: (manager: EntityManager, vote: VoteEntity) => Promise<VoteTally>): Promise<FinalizeOutcome> {
    return this.dataSource.transaction(async (manager): Promise<FinalizeOutcome> => {
      const vote = await manager
        .getRepository(VoteEntity)
        .createQueryBuilder('vote')
        .setLock('pessimistic_write')
        .where('vote.id = :voteId', { voteId })
        .getOne();
      if (!vote) return { outcome: 'missing' };
      if (vote.closedAt) return { outcome: 'already_closed', vote };
      const [{ now }]: Array<{ now: Date }> = await manager.query('SELECT now() AS now');
      const expired = vote.closesAt.getTime() <= now.getTime();
      if (!early && !expired) return { outcome: 'not_due', vote };
      if (vote.secret) {
        await manager.query(
          `WITH removed AS (DELETE FROM ballots WHERE vote_id = $1 RETURNING choice)
           INSERT INTO ballots (vote_id, secret, choice) SELECT $1, true, choice FROM removed ORDER BY random()`,
          [voteId],
        );
      }
      const closed = Object.assign(vote, { closedAt: expired ? vote.closesAt : now });
      closed.results = await results(manager, closed);
      await manager.getRepository(VoteEntity).update({ id: voteId }, { closedAt: closed.closedAt, results: closed.results });
      return { outcome: 'closed', vote: closed, expired };
    });
  }

  /** Votes of the axis still taking ballots. */
  async openVoteCount(axisId: string): Promise<number> {
    const [row]: Array<{ count: number }> = await this.dataSource.query(`SELECT count(*)::int AS count FROM votes WHERE axis_id = $1 AND closed_at IS NULL`, [axisId]);
    return row?.count ?? 0;
  }

  /** Open votes whose closing time has passed. */
  async dueVoteIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM votes WHERE closed_at IS NULL AND closes_at <= now()`);
    return rows.map((row) => row.id);
  }

  /** Records the ballot key's fingerprint if none is, and returns the one recorded. */
  async recordKeyFingerprint(fingerprint: string): Promise<string> {
    await this.dataSource.query(`INSERT INTO ballot_key_fingerprint (fingerprint) VALUES ($1) ON CONFLICT (singleton) DO NOTHING`, [fingerprint]);
    const [row] = await this.dataSource.query(`SELECT fingerprint FROM ballot_key_fingerprint`);
    return row.fingerprint;
  }
}
