import { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit trail (append-only, hash-chained per aggregate), outbox, users, sessions and API tokens. */
export class CreatePlatformAndIdentity1795000000000 implements MigrationInterface {
  name = 'CreatePlatformAndIdentity1795000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entries (
        id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        chain_key text NOT NULL,
        seq integer NOT NULL,
        prev_hash character(64) NOT NULL,
        hash character(64) NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        reason text,
        before jsonb,
        after jsonb,
        request_id text,
        CONSTRAINT pk_audit_entries PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_audit_entries_chain_seq ON audit_entries (chain_key, seq)`);
    await q.query(`CREATE INDEX ix_audit_entries_entity ON audit_entries (entity_type, entity_id)`);
    await q.query(`
      CREATE TABLE audit_chain_heads (
        chain_key text NOT NULL,
        seq integer NOT NULL,
        hash character(64) NOT NULL,
        CONSTRAINT pk_audit_chain_heads PRIMARY KEY (chain_key)
      )`);
    // PostgreSQL itself refuses to change history, whatever the application does.
    await q.query(`
      CREATE FUNCTION audit_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change()`);
    await q.query(`
      CREATE TRIGGER trg_audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change()`);

    await q.query(`
      CREATE TABLE outbox_events (
        id uuid NOT NULL,
        event_type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        published_at timestamptz,
        processed_at timestamptz,
        publish_count integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_outbox_events PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE INDEX ix_outbox_events_unpublished ON outbox_events (occurred_at) WHERE published_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX ix_outbox_events_unprocessed ON outbox_events (published_at) WHERE processed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text array NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT ck_users_roles CHECK (
          cardinality(roles) > 0 AND
          roles <@ ARRAY['innovation_lead','gatekeeper','quality_head','leadership','admin']::text[])
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_email ON users (email)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        refresh_token_hash character(64) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        client_ip text,
        CONSTRAINT pk_sessions PRIMARY KEY (id),
        CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_sessions_refresh_token_hash ON sessions (refresh_token_hash)`);
    await q.query(`CREATE INDEX ix_sessions_user ON sessions (user_id)`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        name text NOT NULL,
        token_hash character(64) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT pk_api_tokens PRIMARY KEY (id),
        CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_api_tokens_token_hash ON api_tokens (token_hash)`);
    await q.query(`CREATE INDEX ix_api_tokens_user ON api_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE outbox_events`);
    await q.query(`DROP TABLE audit_chain_heads`);
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`DROP FUNCTION audit_entries_refuse_change()`);
  }
}
