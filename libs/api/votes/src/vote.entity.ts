import type { VoteKind, VoteOption, VoteTally } from '@miroir/shared/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `numeric` comes back from pg as a string. */
const numericOrNull = {
  to: (value: number | null | undefined) => value ?? null,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A vote opened on an axis. Its ballots are written with SQL (upserts) by the repository. */
@Entity('votes')
export class VoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'axis_id', type: 'uuid' })
  axisId!: string;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'text' })
  kind!: VoteKind;

  @Column({ type: 'jsonb' })
  options!: VoteOption[];

  @Column({ type: 'integer', nullable: true })
  budget!: number | null;

  @Column({ type: 'boolean' })
  secret!: boolean;

  @Column({ name: 'results_visible_before_close', type: 'boolean', default: false })
  resultsVisibleBeforeClose!: boolean;

  @Column({ type: 'numeric', nullable: true, transformer: numericOrNull })
  quorum!: number | null;

  @Column({ name: 'quorum_all_types', type: 'boolean', default: false })
  quorumAllTypes!: boolean;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The tally frozen when the vote closed (participation included); null while open. */
  @Column({ type: 'jsonb', nullable: true })
  results!: VoteTally | null;

  @Column({ name: 'opened_by', type: 'uuid', nullable: true })
  openedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
