import { UserEntity } from '@ambidex/identity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentRevisionEntity } from './controlled-document.entities';

/** ISO 9001 7.2: a person must read a revision once it becomes effective; open until they acknowledge it. */
@Entity({ name: 'training_assignments' })
@Index('uq_training_assignments_once', ['revisionId', 'userId'], { unique: true })
@Index('ix_training_assignments_open', ['userId'], { where: 'acknowledged_at IS NULL' })
export class TrainingAssignmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_training_assignments' })
  id!: string;

  @Column({ name: 'revision_id', type: 'uuid' })
  revisionId!: string;

  @ManyToOne(() => DocumentRevisionEntity)
  @JoinColumn({ name: 'revision_id', foreignKeyConstraintName: 'fk_training_assignments_revision' })
  revision?: DocumentRevisionEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_training_assignments_user' })
  user?: UserEntity;

  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' })
  assignedAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;
}
