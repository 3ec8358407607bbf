import { MigrationInterface, QueryRunner } from 'typeorm';

/** Refresh tokens already traded in, so presenting one again (a stolen copy) revokes its session. */
export class RememberSpentRefreshTokens1795001100000 implements MigrationInterface {
  name = 'RememberSpentRefreshTokens1795001100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE spent_refresh_tokens (
        token_hash character(64) NOT NULL,
        session_id uuid NOT NULL,
        spent_at timestamptz NOT NULL,
        CONSTRAINT pk_spent_refresh_tokens PRIMARY KEY (token_hash),
        CONSTRAINT fk_spent_refresh_tokens_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_spent_refresh_tokens_session ON spent_refresh_tokens (session_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE spent_refresh_tokens`);
  }
}
