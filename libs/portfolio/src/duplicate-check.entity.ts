import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { InitiativeEntity } from './initiative.entity';
import { DuplicateCandidate } from './initiative.views';

/** Where the stored check was made: inline while the creator or editor waited, or by the background job. */
export type DuplicateCheckSource = 'create' | 'edit' | 'background';

/**
 * The possible duplicates of an initiative's current text: found once right after it was created, and again after each
 * change of its title or problem, which replaces the row. A snapshot: the candidates' titles and stages are as they
 * were then. No row yet means the check is still to come.
 */
@Entity({ name: 'initiative_duplicate_checks' })
@Check('ck_initiative_duplicate_checks_source', `source IN ('create', 'edit', 'background')`)
export class InitiativeDuplicateCheckEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid', primaryKeyConstraintName: 'pk_initiative_duplicate_checks' })
  initiativeId!: string;

  @OneToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_initiative_duplicate_checks_initiative' })
  initiative?: InitiativeEntity;

  @Column({ type: 'jsonb' })
  candidates!: DuplicateCandidate[];

  /** false when even the background search ran out of its budget: the candidates are then empty, and stay so. */
  @Column({ type: 'boolean' })
  complete!: boolean;

  @Column({ type: 'text' })
  source!: DuplicateCheckSource;

  @Column({ name: 'checked_at', type: 'timestamptz', default: () => 'now()' })
  checkedAt!: Date;

  /** The text version (initiative_duplicate_texts) searched: a result for an older text never replaces a newer one. */
  @Column({ name: 'text_version', type: 'integer', default: 1 })
  textVersion!: number;
}
