import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProcessModelDefinition } from './domain/process-model';

export type ProcessModelStatus = 'draft' | 'active' | 'retired';

/** Versioned: once active a row never changes (a trigger refuses it); a change is a new version. */
@Entity({ name: 'process_models' })
@Index('uq_process_models_key_version', ['key', 'version'], { unique: true })
@Index('uq_process_models_active_key', ['key'], { unique: true, where: `status = 'active'` })
@Check('ck_process_models_status', `status IN ('draft', 'active', 'retired')`)
export class ProcessModelEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_process_models' })
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  status!: ProcessModelStatus;

  @Column({ type: 'jsonb' })
  definition!: ProcessModelDefinition;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;
}
