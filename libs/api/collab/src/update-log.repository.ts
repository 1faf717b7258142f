import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

export interface PendingRow {
  document: string;
  payload: Uint8Array;
}

/** Rows are read raw: hydrating entities for thousands of bytea rows costs more than the decode. */
@Injectable()
export class UpdateLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement, so one commit, for a whole batch of updates of any documents. It goes straight
   * to the pool TypeORM manages: this is the hottest query, and the query-runner wrapping around
   * `dataSource.query` costs more than the statement itself.
   */
  async append(rows: readonly PendingRow[]): Promise<void> {
    await (this.dataSource.driver as PostgresDriver).master.query('INSERT INTO collab_updates (document, payload) SELECT * FROM unnest($1::text[], $2::bytea[])', [
      rows.map((row) => row.document),
      rows.map((row) => Buffer.from(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength)),
    ]);
  }

  /**
   * Snapshot and log are read in one REPEATABLE READ transaction: read separately, a compaction
   * committed by another instance in between could hide the rows it folded from both reads.
   */
  async load(document: string): Promise<StoredDocument> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const snapshots = (await manager.query('SELECT snapshot FROM collab_documents WHERE name = $1', [document])) as Array<{ snapshot: Buffer }>;
      const updates = (await manager.query('SELECT payload FROM collab_updates WHERE document = $1 ORDER BY id', [document])) as Array<{
        payload: Buffer;
      }>;
      return { snapshot: snapshots[0]?.snapshot ?? null, updates: updates.map((row) => row.payload) };
    });
  }

  /**
   * Folds the log of a document into its snapshot. The document row is locked so that two
   * instances never compact at once; exactly the rows that were merged are deleted, so an update
   * committed meanwhile (even with a smaller id) stays in the log.
   */
  async compact(document: string, merge: (parts: Uint8Array[]) => Promise<Uint8Array>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO collab_documents (name, snapshot) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        document,
        Buffer.from([0, 0]),
      ]);
      const [{ snapshot }] = (await manager.query('SELECT snapshot FROM collab_documents WHERE name = $1 FOR UPDATE', [document])) as [
        { snapshot: Buffer },
      ];
      const rows = (await manager.query('SELECT id, payload FROM collab_updates WHERE document = $1 ORDER BY id', [document])) as Array<{
        id: string;
        payload: Buffer;
      }>;
      if (rows.length === 0) return 0;
      const merged = await merge([snapshot, ...rows.map((row) => row.payload)]);
      await manager.query('UPDATE collab_documents SET snapshot = $2, updated_at = now() WHERE name = $1', [document, Buffer.from(merged)]);
      await manager.query('DELETE FROM collab_updates WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}
