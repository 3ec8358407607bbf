import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SessionEntity } from './session.entity';

/**
 * A refresh token already traded in. Presented again, it means someone else holds a copy (theft), so its whole
 * session is revoked. Rows go with their session.
 */
@Entity({ name: 'spent_refresh_tokens' })
@Index('ix_spent_refresh_tokens_session', ['sessionId'])
export class SpentRefreshTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64, primaryKeyConstraintName: 'pk_spent_refresh_tokens' })
  tokenHash!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_spent_refresh_tokens_session' })
  session?: SessionEntity;

  @Column({ name: 'spent_at', type: 'timestamptz' })
  spentAt!: Date;
}
