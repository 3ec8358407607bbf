import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application stops running as the owner of its tables. Migrations keep running as the owner (DATABASE_URL);
 * the API and the worker log in as `ambidex_app`, which may read and write every table except the audit trail:
 * there it may only SELECT and INSERT into `audit_entries` and SELECT `audit_chain_heads`. Not being the owner, it
 * can neither disable the triggers below nor drop them.
 *
 * Chain heads move only forward: an entry's insert moves its chain's head (a SECURITY DEFINER trigger, so the
 * application needs no UPDATE right), and only onto an entry that links to the previous head. Appends to one chain
 * are serialised by an advisory lock per chain (`audit_lock_head`), taken before the head is read.
 */
export class SeparateAppRoleAndGuardAuditHeads1795000800000 implements MigrationInterface {
  name = 'SeparateAppRoleAndGuardAuditHeads1795000800000';

  async up(q: QueryRunner): Promise<void> {
    // A role belongs to the whole server: several databases (test runs, tenants) share it, and may create it at once.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE ambidex_app LOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(
      `DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO ambidex_app', current_database()); END $$`,
    );
    await q.query(`GRANT USAGE ON SCHEMA public TO ambidex_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ambidex_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ambidex_app`);
    // Tables and sequences that later migrations create (as this same owner) are granted the same way.
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ambidex_app`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ambidex_app`);
    await q.query(`REVOKE ALL ON audit_entries, audit_chain_heads, schema_migrations FROM ambidex_app`);
    await q.query(`GRANT SELECT, INSERT ON audit_entries TO ambidex_app`);
    await q.query(`GRANT SELECT ON audit_chain_heads, schema_migrations TO ambidex_app`);

    // Locks the chain, then reads its head in a fresh snapshot (a VOLATILE function's statement), and hands out the
    // time the entry must carry: the database's clock, so an entry cannot be back-dated.
    await q.query(`
      CREATE FUNCTION audit_lock_head(p_chain_key text)
      RETURNS TABLE (seq integer, hash character(64), occurred_at timestamptz)
      LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('audit_chain:' || p_chain_key, 0));
        RETURN QUERY
          SELECT coalesce(h.seq, 0), coalesce(h.hash, repeat('0', 64)::character(64)), date_trunc('milliseconds', clock_timestamp())
            FROM (SELECT 1) AS one LEFT JOIN audit_chain_heads h ON h.chain_key = p_chain_key;
      END $$`);

    await q.query(`
      CREATE FUNCTION audit_entries_extend_head() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      BEGIN
        IF NEW.occurred_at < date_trunc('milliseconds', now()) OR NEW.occurred_at > clock_timestamp() THEN
          RAISE EXCEPTION 'audit entry % of % must carry the time of its transaction', NEW.seq, NEW.chain_key
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.seq = 1 THEN
          INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES (NEW.chain_key, 0, repeat('0', 64))
          ON CONFLICT (chain_key) DO NOTHING;
        END IF;
        UPDATE audit_chain_heads SET seq = NEW.seq, hash = NEW.hash
         WHERE chain_key = NEW.chain_key AND seq = NEW.seq - 1 AND hash = NEW.prev_hash;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'audit entry % of % does not extend its chain head', NEW.seq, NEW.chain_key
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_entries_extend_head() FROM PUBLIC`);
    await q.query(`
      CREATE TRIGGER trg_audit_entries_extend_head AFTER INSERT ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit_entries_extend_head()`);

    // Even the owner's own statements (a hand-run UPDATE) cannot move a head backwards or sideways. A TRUNCATE
    // (statement level: no NEW, no OLD) falls through to the refusal.
    await q.query(`
      CREATE FUNCTION audit_chain_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.seq = 0 AND NEW.hash = repeat('0', 64) THEN RETURN NEW; END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF NEW IS NOT DISTINCT FROM OLD THEN RETURN NEW; END IF;
          IF NEW.chain_key = OLD.chain_key AND NEW.seq = OLD.seq + 1 AND EXISTS (
               SELECT 1 FROM audit_entries e
                WHERE e.chain_key = NEW.chain_key AND e.seq = NEW.seq AND e.hash = NEW.hash AND e.prev_hash = OLD.hash) THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_chain_heads only move forward onto an appended entry: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_audit_chain_heads_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_heads
      FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward_only()`);
    await q.query(`
      CREATE TRIGGER trg_audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_heads_forward_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_audit_chain_heads_no_truncate ON audit_chain_heads`);
    await q.query(`DROP TRIGGER trg_audit_chain_heads_forward_only ON audit_chain_heads`);
    await q.query(`DROP FUNCTION audit_chain_heads_forward_only()`);
    await q.query(`DROP TRIGGER trg_audit_entries_extend_head ON audit_entries`);
    await q.query(`DROP FUNCTION audit_entries_extend_head()`);
    await q.query(`DROP FUNCTION audit_lock_head(text)`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ambidex_app`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ambidex_app`,
    );
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ambidex_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ambidex_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ambidex_app`);
    // The role itself stays: other databases on this server may still use it.
    await q.query(
      `DO $$ BEGIN EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM ambidex_app', current_database()); END $$`,
    );
  }
}
