import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The in-memory duplicate index (DuplicateIndex) keeps up with writes from every process by reading the texts
 * written since its last read. Each row now carries the id of the transaction that last wrote it, set by the
 * trigger; rows written before this migration keep 0 and are read by the index's full load.
 */
export class DuplicateTextChangedXid1795002900000 implements MigrationInterface {
  name = 'DuplicateTextChangedXid1795002900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE initiative_duplicate_texts ADD COLUMN changed_xid bigint NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX ix_initiative_duplicate_texts_changed ON initiative_duplicate_texts (changed_xid)`);
    await q.query(syncFunction(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(syncFunction(false));
    await q.query(`DROP INDEX ix_initiative_duplicate_texts_changed`);
    await q.query(`ALTER TABLE initiative_duplicate_texts DROP COLUMN changed_xid`);
  }
}

/** The trigger function of migration 1795002400000, stamping the writer's transaction id when asked. */
function syncFunction(stampXid: boolean): string {
  const xid = `pg_current_xact_id()::text::bigint`;
  return `
      CREATE OR REPLACE FUNCTION initiatives_sync_duplicate_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO initiative_duplicate_texts (initiative_id, title_norm, problem_norm${stampXid ? ', changed_xid' : ''})
          VALUES (NEW.id, duplicate_text_norm(NEW.title), duplicate_text_norm(NEW.problem)${stampXid ? `, ${xid}` : ''});
        ELSIF NEW.title IS DISTINCT FROM OLD.title OR NEW.problem IS DISTINCT FROM OLD.problem THEN
          UPDATE initiative_duplicate_texts
             SET title_norm = duplicate_text_norm(NEW.title), problem_norm = duplicate_text_norm(NEW.problem),
                 text_version = text_version + 1${stampXid ? `, changed_xid = ${xid}` : ''}
           WHERE initiative_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`;
}
