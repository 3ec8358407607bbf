import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Possible duplicates searched by distance on a narrow side table instead of a similarity-threshold scan of
 * initiatives (docs/query-plans.md, "Duplicate detection"). A trigger keeps the table in step: initiatives are
 * inserted by the use cases but also by seeds, factories and benches, and none of them may leave a row unsearchable.
 * Each change of title or problem bumps `text_version`, which the stored check records, so an edit is checked again
 * and a retried check of the same text changes nothing.
 */
export class CreateInitiativeDuplicateTexts1795002400000 implements MigrationInterface {
  name = 'CreateInitiativeDuplicateTexts1795002400000';

  async up(q: QueryRunner): Promise<void> {
    // What pg_trgm compares anyway: lower-case words (letters and digits) one space apart. Similarity is unchanged,
    // the stored text is shorter.
    await q.query(`
      CREATE FUNCTION duplicate_text_norm(raw text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT btrim(regexp_replace(lower(raw), '[^[:alnum:]]+', ' ', 'g')) $$`);
    await q.query(`
      CREATE TABLE initiative_duplicate_texts (
        initiative_id uuid NOT NULL,
        title_norm text NOT NULL,
        problem_norm text NOT NULL,
        text_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_initiative_duplicate_texts PRIMARY KEY (initiative_id),
        CONSTRAINT fk_initiative_duplicate_texts_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE FUNCTION initiatives_sync_duplicate_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO initiative_duplicate_texts (initiative_id, title_norm, problem_norm)
          VALUES (NEW.id, duplicate_text_norm(NEW.title), duplicate_text_norm(NEW.problem));
        ELSIF NEW.title IS DISTINCT FROM OLD.title OR NEW.problem IS DISTINCT FROM OLD.problem THEN
          UPDATE initiative_duplicate_texts
             SET title_norm = duplicate_text_norm(NEW.title), problem_norm = duplicate_text_norm(NEW.problem),
                 text_version = text_version + 1
           WHERE initiative_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_initiatives_sync_duplicate_text AFTER INSERT OR UPDATE OF title, problem ON initiatives
       FOR EACH ROW EXECUTE FUNCTION initiatives_sync_duplicate_text()`,
    );
    await q.query(`
      INSERT INTO initiative_duplicate_texts (initiative_id, title_norm, problem_norm)
      SELECT id, duplicate_text_norm(title), duplicate_text_norm(problem) FROM initiatives`);
    // GiST, not GIN: only GiST orders by distance (`<->`), so a search reads its nearest rows and stops.
    await q.query(
      `CREATE INDEX ix_initiative_duplicate_texts_title ON initiative_duplicate_texts USING gist (title_norm gist_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX ix_initiative_duplicate_texts_problem ON initiative_duplicate_texts USING gist (problem_norm gist_trgm_ops)`,
    );

    await q.query(`ALTER TABLE initiative_duplicate_checks ADD COLUMN text_version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE initiative_duplicate_checks DROP CONSTRAINT ck_initiative_duplicate_checks_source`);
    await q.query(
      `ALTER TABLE initiative_duplicate_checks ADD CONSTRAINT ck_initiative_duplicate_checks_source CHECK (source IN ('create', 'edit', 'background'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM initiative_duplicate_checks WHERE source = 'edit'`);
    await q.query(`ALTER TABLE initiative_duplicate_checks DROP CONSTRAINT ck_initiative_duplicate_checks_source`);
    await q.query(
      `ALTER TABLE initiative_duplicate_checks ADD CONSTRAINT ck_initiative_duplicate_checks_source CHECK (source IN ('create', 'background'))`,
    );
    await q.query(`ALTER TABLE initiative_duplicate_checks DROP COLUMN text_version`);
    await q.query(`DROP TRIGGER trg_initiatives_sync_duplicate_text ON initiatives`);
    await q.query(`DROP FUNCTION initiatives_sync_duplicate_text()`);
    await q.query(`DROP TABLE initiative_duplicate_texts`);
    await q.query(`DROP FUNCTION duplicate_text_norm(text)`);
  }
}
