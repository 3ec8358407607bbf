import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record of evidence exports for auditors (who, which period, which format, the file's SHA-256). An export is a
 * fact: a trigger refuses to change or delete one, and the application role may only read and add them.
 */
export class CreateEvidenceExports1795002200000 implements MigrationInterface {
  name = 'CreateEvidenceExports1795002200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "evidence_exports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "exported_by" uuid NOT NULL, "exported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "range_from" date NOT NULL, "range_to" date NOT NULL, "format" text NOT NULL, "sha256" character(64) NOT NULL, "byte_size" integer NOT NULL, "record_count" integer NOT NULL, "missing_clauses" text array NOT NULL, CONSTRAINT "ck_evidence_exports_range" CHECK (range_from <= range_to), CONSTRAINT "ck_evidence_exports_format" CHECK (format IN ('pdf', 'zip')), CONSTRAINT "pk_evidence_exports" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_evidence_exports_exported_at" ON "evidence_exports"  ("exported_at")`);
    await q.query(
      `ALTER TABLE "evidence_exports" ADD CONSTRAINT "fk_evidence_exports_exported_by" FOREIGN KEY ("exported_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION evidence_exports_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'evidence export % is a record: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_evidence_exports_frozen BEFORE UPDATE OR DELETE ON evidence_exports FOR EACH ROW EXECUTE FUNCTION evidence_exports_refuse_change()`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON evidence_exports FROM ambidex_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_exports`);
    await q.query(`DROP FUNCTION evidence_exports_refuse_change()`);
  }
}
