import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent replays of comments written offline: the client gives each new thread or reply a
 * random `client_id` (uuid) and sends it again when it replays a request whose answer was lost.
 * NULL for comments posted without one (older clients, the seed); unique otherwise, so that two
 * replays racing each other cannot both insert.
 */
export class CommentClientIds1764662400000 implements MigrationInterface {
  name = 'CommentClientIds1764662400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE comments ADD COLUMN client_id uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX comments_client_id ON comments (client_id) WHERE client_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS comments_client_id`);
    await queryRunner.query(`ALTER TABLE comments DROP COLUMN IF EXISTS client_id`);
  }
}
