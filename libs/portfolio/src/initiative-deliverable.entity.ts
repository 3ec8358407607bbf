import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Gate } from './domain/stage-machine';
import { InitiativeEntity } from './initiative.entity';

export type DeliverableStatus = 'pending' | 'done' | 'not_required';

@Entity({ name: 'initiative_deliverables' })
@Check('ck_initiative_deliverables_status', `status IN ('pending', 'done', 'not_required')`)
@Check('ck_initiative_deliverables_reason', `status <> 'not_required' OR coalesce(length(trim(note)), 0) > 0`)
export class InitiativeDeliverableEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid', primaryKeyConstraintName: 'pk_initiative_deliverables' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_initiative_deliverables_initiative' })
  initiative?: InitiativeEntity;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_initiative_deliverables' })
  gate!: Gate;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_initiative_deliverables' })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliverableStatus;

  /** What was delivered, or why it is not required (required then). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
