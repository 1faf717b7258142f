import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Votes on axes and their ballots. One ballot per member is a database constraint, not only
 * code: UNIQUE (vote_id, user_id) for named ballots, UNIQUE (vote_id, voter_key) for secret ones.
 *
 * Secret ballots carry no user id and no time: `voter_key` is HMAC(BALLOT_SECRET, vote id, user
 * id), a key kept outside the database, and who voted lives in `vote_participations`, which
 * holds no choice. The CHECK on `ballots` makes a secret ballot with a user id impossible, and
 * the composite foreign key makes `ballots.secret` follow the vote's. Closing a secret vote
 * erases the voter keys and rewrites its ballots in random order (see docs/decisions.md).
 */
export class Votes1764489600000 implements MigrationInterface {
  name = 'Votes1764489600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE votes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        axis_id uuid NOT NULL REFERENCES axes(id) ON DELETE CASCADE,
        question text NOT NULL CHECK (length(question) BETWEEN 1 AND 500),
        kind text NOT NULL CHECK (kind IN ('consent', 'single_choice', 'multiple_choice', 'score', 'ranking', 'dot')),
        options jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array'),
        budget integer CHECK (budget BETWEEN 1 AND 1000),
        secret boolean NOT NULL,
        results_visible_before_close boolean NOT NULL DEFAULT false,
        quorum numeric(5, 4) CHECK (quorum > 0 AND quorum <= 1),
        quorum_all_types boolean NOT NULL DEFAULT false,
        closes_at timestamptz NOT NULL,
        closed_at timestamptz,
        results jsonb,
        opened_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT votes_id_secret UNIQUE (id, secret),
        CONSTRAINT votes_budget_for_dot CHECK ((kind = 'dot') = (budget IS NOT NULL)),
        CONSTRAINT votes_secret_results_hidden CHECK (NOT (secret AND results_visible_before_close)),
        CONSTRAINT votes_results_when_closed CHECK (results IS NULL OR closed_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX votes_axis_id ON votes (axis_id, created_at)`);
    await queryRunner.query(`CREATE INDEX votes_open_closes_at ON votes (closes_at) WHERE closed_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE ballots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        vote_id uuid NOT NULL,
        secret boolean NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        voter_key text,
        choice jsonb NOT NULL CHECK (jsonb_typeof(choice) = 'object'),
        updated_at timestamptz,
        CONSTRAINT ballots_vote FOREIGN KEY (vote_id, secret) REFERENCES votes (id, secret) ON DELETE CASCADE,
        CONSTRAINT ballots_one_per_member UNIQUE (vote_id, user_id),
        CONSTRAINT ballots_one_per_voter_key UNIQUE (vote_id, voter_key),
        CONSTRAINT ballots_secret_unlinked CHECK (
          CASE WHEN secret THEN user_id IS NULL AND updated_at IS NULL
               ELSE user_id IS NOT NULL AND voter_key IS NULL AND updated_at IS NOT NULL END
        )
      )`);

    await queryRunner.query(`
      CREATE TABLE vote_participations (
        vote_id uuid NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (vote_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX vote_participations_user_id ON vote_participations (user_id)`);

    // A fingerprint of the ballot key (an HMAC of a fixed label, which reveals nothing of the key),
    // so that an instance started with another key refuses secret ballots instead of splitting
    // a member's ballot in two.
    await queryRunner.query(`
      CREATE TABLE ballot_key_fingerprint (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        fingerprint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ballot_key_fingerprint', 'vote_participations', 'ballots', 'votes']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
