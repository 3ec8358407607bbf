import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from './domain/roles';

@Entity({ name: 'users' })
@Index('uq_users_email', ['email'], { unique: true })
@Check(
  'ck_users_roles',
  `cardinality(roles) > 0 AND roles <@ ARRAY['innovation_lead','gatekeeper','quality_head','auditor','leadership','admin']::text[]`,
)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id!: string;

  /** Stored lower-cased (normaliseEmail), so the plain unique index is case-insensitive. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
