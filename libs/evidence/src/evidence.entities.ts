import { UserEntity } from '@ambidex/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A record of each evidence export: who took it, for which period, in which format, and the SHA-256 of the file
 * handed out, so a file an auditor holds can be matched to its export. Permanent: a trigger refuses change.
 */
@Entity({ name: 'evidence_exports' })
@Index('ix_evidence_exports_exported_at', ['exportedAt'])
@Check('ck_evidence_exports_format', `format IN ('pdf', 'zip')`)
@Check('ck_evidence_exports_range', `range_from <= range_to`)
export class EvidenceExportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_evidence_exports' })
  id!: string;

  @Column({ name: 'exported_by', type: 'uuid' })
  exportedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'exported_by', foreignKeyConstraintName: 'fk_evidence_exports_exported_by' })
  exporter?: UserEntity;

  @CreateDateColumn({ name: 'exported_at', type: 'timestamptz' })
  exportedAt!: Date;

  @Column({ name: 'range_from', type: 'date' })
  rangeFrom!: string;

  @Column({ name: 'range_to', type: 'date' })
  rangeTo!: string;

  @Column({ type: 'text' })
  format!: 'pdf' | 'zip';

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize!: number;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount!: number;

  /** The coverage report's gaps at the time of the export. */
  @Column({ name: 'missing_clauses', type: 'text', array: true })
  missingClauses!: string[];
}

export const EVIDENCE_ENTITIES = [EvidenceExportEntity];
