import { UserEntity } from '@ambidex/identity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SignatureMeaning } from './domain/electronic-signature';

/**
 * A 21 CFR Part 11 signature: who, when, what it means, and the hash of exactly what was signed, so that a later
 * change to the record voids it. Permanent: a trigger refuses every update and delete.
 */
@Entity({ name: 'electronic_signatures' })
@Index('uq_electronic_signatures_once', ['recordType', 'recordId', 'signerId', 'meaning'], { unique: true })
@Index('ix_electronic_signatures_record', ['recordType', 'recordId'])
@Check('ck_electronic_signatures_meaning', `meaning IN ('authored', 'reviewed', 'approved', 'accepted', 'rejected')`)
export class ElectronicSignatureEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_electronic_signatures' })
  id!: string;

  /** What kind of record was signed (e.g. controlled_document_revision); with record_id it names the record. */
  @Column({ name: 'record_type', type: 'text' })
  recordType!: string;

  @Column({ name: 'record_id', type: 'uuid' })
  recordId!: string;

  @Column({ name: 'signer_id', type: 'uuid' })
  signerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'signer_id', foreignKeyConstraintName: 'fk_electronic_signatures_signer' })
  signer?: UserEntity;

  /** The name as printed at signing time, so the manifestation survives a later rename. */
  @Column({ name: 'printed_name', type: 'text' })
  printedName!: string;

  @Column({ type: 'text' })
  meaning!: SignatureMeaning;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ name: 'signed_at', type: 'timestamptz', default: () => 'now()' })
  signedAt!: Date;
}
