import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@ambidex/identity';

/** Shares per bucket, in percent, summing to 100: the balance leadership aims for (e.g. 70/20/10). */
export type AmbitionTargets = { core: number; adjacent: number; transformational: number };
export type HorizonTargets = { H1: number; H2: number; H3: number };

@Entity({ name: 'portfolios' })
@Index('uq_portfolios_name', ['name'], { unique: true })
export class PortfolioEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_portfolios' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'ambition_targets', type: 'jsonb' })
  ambitionTargets!: AmbitionTargets;

  @Column({ name: 'horizon_targets', type: 'jsonb' })
  horizonTargets!: HorizonTargets;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_portfolios_created_by' })
  creator?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
