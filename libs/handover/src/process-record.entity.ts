import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HandoverPackageEntity } from './handover.entities';

export type ProcessRecordStatus = 'draft' | 'controlled';

/** A process figure with its Lean baseline (process time, lead time, % complete and accurate); null until measured. */
export interface ProcessKpi {
  name: string;
  baseline: number | null;
  unit: string;
}

/** A risk the process inherits and the control that keeps it in check; null until one is defined. */
export interface ProcessRiskControl {
  key: string;
  risk: string;
  control: string | null;
}

/** ISO 9001 4.4: the process the innovation becomes, drafted in its handover package (one per package), then controlled. */
@Entity({ name: 'process_records' })
@Index('uq_process_records_package', ['packageId'], { unique: true })
@Check('ck_process_records_status', `status IN ('draft', 'controlled')`)
export class ProcessRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_process_records' })
  id!: string;

  @Column({ name: 'package_id', type: 'uuid' })
  packageId!: string;

  @ManyToOne(() => HandoverPackageEntity)
  @JoinColumn({ name: 'package_id', foreignKeyConstraintName: 'fk_process_records_package' })
  package?: HandoverPackageEntity;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'jsonb' })
  inputs!: string[];

  @Column({ type: 'jsonb' })
  outputs!: string[];

  @Column({ type: 'jsonb' })
  resources!: string[];

  @Column({ type: 'jsonb' })
  kpis!: ProcessKpi[];

  @Column({ name: 'risks_and_controls', type: 'jsonb' })
  risksAndControls!: ProcessRiskControl[];

  @Column({ type: 'text', default: 'draft' })
  status!: ProcessRecordStatus;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'controlled_at', type: 'timestamptz', nullable: true })
  controlledAt!: Date | null;
}
