import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Threads of discussion on axes, their comments and mentions, in-app notifications, and each
 * member's last visit of an axis (for « what's new since your last visit »).
 *
 * A thread's anchor is NULL for the axis as a whole, else `{start, end, quote}`: two Yjs relative
 * positions, base64-encoded by the client, and the quoted text. A deleted comment keeps its row
 * with an empty body (`deleted_at` set). A disposition `ecarte` requires a reason (CHECK).
 */
export class Threads1764576000000 implements MigrationInterface {
  name = 'Threads1764576000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE threads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        axis_id uuid NOT NULL REFERENCES axes(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        anchor jsonb CHECK (
          anchor IS NULL OR (jsonb_typeof(anchor) = 'object' AND jsonb_typeof(anchor->'start') = 'string'
            AND jsonb_typeof(anchor->'end') = 'string' AND jsonb_typeof(anchor->'quote') = 'string'
            AND length(anchor->>'quote') <= 1000)
        ),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        resolved_by uuid REFERENCES users(id) ON DELETE SET NULL,
        resolved_at timestamptz,
        disposition text CHECK (disposition IN ('integre', 'repondu', 'ecarte', 'hors_sujet')),
        disposition_reason text CHECK (length(disposition_reason) <= 2000),
        disposition_by uuid REFERENCES users(id) ON DELETE SET NULL,
        disposition_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT threads_resolved_at CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
        CONSTRAINT threads_disposition_at CHECK ((disposition IS NULL) = (disposition_at IS NULL)),
        CONSTRAINT threads_ecarte_reason CHECK (disposition IS DISTINCT FROM 'ecarte' OR length(btrim(disposition_reason)) > 0)
      )`);
    await queryRunner.query(`CREATE INDEX threads_axis_id ON threads (axis_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) <= 10000),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        edited_at timestamptz,
        deleted_at timestamptz,
        CONSTRAINT comments_deleted_blank CHECK (deleted_at IS NULL OR body = '')
      )`);
    await queryRunner.query(`CREATE INDEX comments_thread_id ON comments (thread_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE comment_mentions (
        comment_id uuid NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (comment_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX comment_mentions_user_id ON comment_mentions (user_id)`);

    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('mention')),
        payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX notifications_user_id ON notifications (user_id, created_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE axis_visits (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        axis_id uuid NOT NULL REFERENCES axes(id) ON DELETE CASCADE,
        last_seen_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, axis_id)
      )`);
    await queryRunner.query(`CREATE INDEX axis_visits_axis_id ON axis_visits (axis_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['axis_visits', 'notifications', 'comment_mentions', 'comments', 'threads']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
