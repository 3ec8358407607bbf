import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { InitiativeEntity } from './initiative.entity';

/**
 * An initiative's title and problem as the duplicate search compares them, in a narrow table of their own so the
 * nearest-neighbour search reads small rows. Written only by the trigger on initiatives (migration 1795002400000):
 * in the same transaction as every insert or edit, whoever makes it.
 */
@Entity({ name: 'initiative_duplicate_texts' })
// GiST trigram indexes (gist_trgm_ops) are declared in the migration; TypeORM cannot express operator classes.
@Index('ix_initiative_duplicate_texts_title', { synchronize: false })
@Index('ix_initiative_duplicate_texts_problem', { synchronize: false })
@Index('ix_initiative_duplicate_texts_changed', ['changedXid'])
export class InitiativeDuplicateTextEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid', primaryKeyConstraintName: 'pk_initiative_duplicate_texts' })
  initiativeId!: string;

  @OneToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_initiative_duplicate_texts_initiative' })
  initiative?: InitiativeEntity;

  /** duplicate_text_norm(title): lower-case words one space apart, what pg_trgm compares anyway. */
  @Column({ name: 'title_norm', type: 'text' })
  titleNorm!: string;

  @Column({ name: 'problem_norm', type: 'text' })
  problemNorm!: string;

  /** 1 at create, one more at each change of title or problem: the stored check names the version it searched. */
  @Column({ name: 'text_version', type: 'integer', default: 1 })
  textVersion!: number;

  /** The transaction that last wrote the row (pg_current_xact_id): how the in-memory index finds new writes. */
  @Column({ name: 'changed_xid', type: 'bigint', default: 0 })
  changedXid!: string;
}
