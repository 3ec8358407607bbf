import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only: triggers refuse UPDATE, DELETE and TRUNCATE, and the application role may only SELECT and INSERT
 * (CreatePlatformAndIdentity and SeparateAppRoleAndGuardAuditHeads migrations).
 */
@Entity({ name: 'audit_entries' })
@Index('uq_audit_entries_chain_seq', ['chainKey', 'seq'], { unique: true })
@Index('ix_audit_entries_entity', ['entityType', 'entityId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_audit_entries',
  })
  id!: string;

  @Column({ name: 'chain_key', type: 'text' })
  chainKey!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}

/**
 * The tip of each chain. An entry's insert moves it (a trigger), only forward onto that entry; the application role
 * may only read it. Appends to one chain are serialised by an advisory lock per chain (audit_lock_head).
 */
@Entity({ name: 'audit_chain_heads' })
export class AuditChainHeadEntity {
  @Column({ name: 'chain_key', type: 'text', primary: true, primaryKeyConstraintName: 'pk_audit_chain_heads' })
  chainKey!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
