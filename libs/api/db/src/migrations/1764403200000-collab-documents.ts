import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-edited Yjs documents: an append-only log of updates, each committed before its sender is
 * told it is saved, folded now and then into one snapshot per document.
 */
export class CollabDocuments1764403200000 implements MigrationInterface {
  name = 'CollabDocuments1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE collab_documents (
        name text PRIMARY KEY,
        snapshot bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE collab_updates (
        id bigserial PRIMARY KEY,
        document text NOT NULL,
        payload bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX collab_updates_document ON collab_updates (document, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collab_updates`);
    await queryRunner.query(`DROP TABLE collab_documents`);
  }
}
