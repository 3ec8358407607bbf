import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Management reviews (ISO 9001 9.3, ISO 56001 9.3), their actions and the opportunities they raised. A signed review
 * is a record: triggers refuse to change or delete it, and to add, change or remove its outputs; an action's progress
 * (done, escalations) stays open to its owner and the sweep.
 */
export class CreateManagementReviews1795002100000 implements MigrationInterface {
  name = 'CreateManagementReviews1795002100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE management_review_numbers`);
    await q.query(
      `CREATE TABLE "management_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" text NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "meeting_on" date NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "portfolio_id" uuid, "ambition" text, "horizon" text, "context_changes" text, "decisions" text array NOT NULL DEFAULT '{}', "pack" json, "pack_sha256" text, "pack_round" integer NOT NULL DEFAULT '1', "pack_assembled_round" integer, "pack_assembled_at" TIMESTAMP WITH TIME ZONE, "scheduled_by" uuid NOT NULL, "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "signature_id" uuid, "signed_by" uuid, "signed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_management_reviews_pack" CHECK ((pack IS NULL) = (pack_sha256 IS NULL)), CONSTRAINT "ck_management_reviews_period" CHECK (period_from <= period_to), CONSTRAINT "ck_management_reviews_status" CHECK (status IN ('scheduled', 'signed')), CONSTRAINT "pk_management_reviews" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_management_reviews_meeting" ON "management_reviews"  ("meeting_on")`);
    await q.query(`CREATE UNIQUE INDEX "uq_management_reviews_number" ON "management_reviews"  ("number")`);
    await q.query(
      `CREATE TABLE "management_review_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "text" text NOT NULL, "owner_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "done_at" TIMESTAMP WITH TIME ZONE, "done_note" text, "escalated_to_owner_at" TIMESTAMP WITH TIME ZONE, "escalated_to_leadership_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_management_review_actions" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_management_review_actions_open_due" ON "management_review_actions"  ("due_at") WHERE done_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_management_review_actions_owner" ON "management_review_actions"  ("owner_id", "done_at")`,
    );
    await q.query(`CREATE INDEX "ix_management_review_actions_review" ON "management_review_actions"  ("review_id")`);
    await q.query(
      `CREATE TABLE "management_review_opportunities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "initiative_id" uuid NOT NULL, "portfolio_id" uuid NOT NULL, "title" text NOT NULL, "raised_by" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_management_review_opportunities" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_management_review_opportunities_review" ON "management_review_opportunities"  ("review_id")`,
    );
    await q.query(
      `ALTER TABLE "management_reviews" ADD CONSTRAINT "fk_management_reviews_scheduled_by" FOREIGN KEY ("scheduled_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "management_review_actions" ADD CONSTRAINT "fk_management_review_actions_review" FOREIGN KEY ("review_id") REFERENCES "management_reviews"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "management_review_actions" ADD CONSTRAINT "fk_management_review_actions_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "management_review_opportunities" ADD CONSTRAINT "fk_management_review_opportunities_review" FOREIGN KEY ("review_id") REFERENCES "management_reviews"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "management_review_opportunities" ADD CONSTRAINT "fk_management_review_opportunities_raised_by" FOREIGN KEY ("raised_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION management_reviews_refuse_change_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'signed' THEN
          RAISE EXCEPTION 'management review % is signed: % refused', OLD.number, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_management_reviews_signed_frozen BEFORE UPDATE OR DELETE ON management_reviews FOR EACH ROW EXECUTE FUNCTION management_reviews_refuse_change_when_signed()`,
    );
    // The outputs are part of what was signed: none added, removed or reworded after signing. An action's progress
    // (done, its note, the escalation stamps) is tracked in its own row and stays open.
    await q.query(`
      CREATE FUNCTION management_review_outputs_refuse_change_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        review uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.review_id ELSE OLD.review_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM management_reviews WHERE id = review AND status = 'signed') THEN
          IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'management_review_actions'
             AND NEW.review_id = OLD.review_id AND NEW.text = OLD.text AND NEW.owner_id = OLD.owner_id
             AND NEW.due_at = OLD.due_at AND NEW.created_at = OLD.created_at THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'management review % is signed: % on % refused', review, TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_management_review_actions_signed_frozen BEFORE INSERT OR UPDATE OR DELETE ON management_review_actions FOR EACH ROW EXECUTE FUNCTION management_review_outputs_refuse_change_when_signed()`,
    );
    await q.query(
      `CREATE TRIGGER trg_management_review_opportunities_signed_frozen BEFORE INSERT OR UPDATE OR DELETE ON management_review_opportunities FOR EACH ROW EXECUTE FUNCTION management_review_outputs_refuse_change_when_signed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE management_review_opportunities`);
    await q.query(`DROP TABLE management_review_actions`);
    await q.query(`DROP TABLE management_reviews`);
    await q.query(`DROP FUNCTION management_review_outputs_refuse_change_when_signed()`);
    await q.query(`DROP FUNCTION management_reviews_refuse_change_when_signed()`);
    await q.query(`DROP SEQUENCE management_review_numbers`);
  }
}
