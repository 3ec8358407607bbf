import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The market loop: handed-over products, their realised value per month, the post-launch reviews at 6 and 12 months,
 * and customer feedback (ISO 9001 9.1.2), which may raise an opportunity whose origin type is customer_feedback. A
 * recorded post-launch review is a record: a trigger refuses to change or delete it.
 */
export class CreateMarket1795002000000 implements MigrationInterface {
  name = 'CreateMarket1795002000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "market_products" ("initiative_id" uuid NOT NULL, "package_id" uuid, "handed_over_at" TIMESTAMP WITH TIME ZONE NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_market_products" PRIMARY KEY ("initiative_id"))`,
    );
    await q.query(
      `CREATE TABLE "market_values" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "initiative_id" uuid NOT NULL, "month" date NOT NULL, "revenue" numeric(16,2) NOT NULL, "cost_savings" numeric(16,2) NOT NULL, "customers" integer NOT NULL, "entered_by" uuid NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "corrected_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_market_values_first_day" CHECK (extract(day from month) = 1), CONSTRAINT "ck_market_values_amounts" CHECK (revenue >= 0 AND cost_savings >= 0 AND customers >= 0), CONSTRAINT "pk_market_values" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_market_values_month" ON "market_values"  ("month")`);
    await q.query(`CREATE UNIQUE INDEX "uq_market_values_month" ON "market_values"  ("initiative_id", "month")`);
    await q.query(
      `CREATE TABLE "market_post_launch_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "initiative_id" uuid NOT NULL, "months" integer NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE, "verdict" text, "notes" text, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_market_post_launch_reviews_verdict" CHECK ((verdict IS NULL OR verdict IN ('ahead', 'on_track', 'behind')) AND (verdict IS NULL) = (recorded_at IS NULL)), CONSTRAINT "ck_market_post_launch_reviews_months" CHECK (months IN (6, 12)), CONSTRAINT "pk_market_post_launch_reviews" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_market_post_launch_reviews_due" ON "market_post_launch_reviews"  ("due_at")`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_market_post_launch_reviews_months" ON "market_post_launch_reviews"  ("initiative_id", "months")`,
    );
    await q.query(
      `CREATE TABLE "market_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "initiative_id" uuid NOT NULL, "channel" text NOT NULL, "sentiment" text NOT NULL, "text" text NOT NULL, "received_on" date NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "nonconformity_id" uuid, "opportunity_initiative_id" uuid, CONSTRAINT "ck_market_feedback_sentiment" CHECK (sentiment IN ('positive', 'neutral', 'negative')), CONSTRAINT "ck_market_feedback_channel" CHECK (channel IN ('survey', 'support', 'sales', 'social', 'interview', 'other')), CONSTRAINT "pk_market_feedback" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_market_feedback_opportunity" ON "market_feedback"  ("opportunity_initiative_id")`);
    await q.query(`CREATE INDEX "ix_market_feedback_nonconformity" ON "market_feedback"  ("nonconformity_id")`);
    await q.query(`CREATE INDEX "ix_market_feedback_received" ON "market_feedback"  ("received_on")`);
    await q.query(`CREATE INDEX "ix_market_feedback_product" ON "market_feedback"  ("initiative_id", "received_on")`);
    await q.query(
      `ALTER TABLE "market_products" ADD CONSTRAINT "fk_market_products_initiative" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_values" ADD CONSTRAINT "fk_market_values_product" FOREIGN KEY ("initiative_id") REFERENCES "market_products"("initiative_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_values" ADD CONSTRAINT "fk_market_values_entered_by" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_post_launch_reviews" ADD CONSTRAINT "fk_market_post_launch_reviews_product" FOREIGN KEY ("initiative_id") REFERENCES "market_products"("initiative_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_post_launch_reviews" ADD CONSTRAINT "fk_market_post_launch_reviews_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_feedback" ADD CONSTRAINT "fk_market_feedback_product" FOREIGN KEY ("initiative_id") REFERENCES "market_products"("initiative_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_feedback" ADD CONSTRAINT "fk_market_feedback_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "initiatives" DROP CONSTRAINT "ck_initiatives_origin"`);
    await q.query(
      `ALTER TABLE "initiatives" ADD CONSTRAINT "ck_initiatives_origin" CHECK ((origin_type IS NULL) = (origin_id IS NULL) AND (origin_type IS NULL OR origin_type IN ('nonconformity', 'customer_complaint', 'audit_observation', 'management_review', 'customer_feedback')))`,
    );
    await q.query(`
      CREATE FUNCTION market_post_launch_reviews_refuse_change_when_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.verdict IS NOT NULL THEN
          RAISE EXCEPTION 'post-launch review % is recorded: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_market_post_launch_reviews_recorded_frozen BEFORE UPDATE OR DELETE ON market_post_launch_reviews FOR EACH ROW EXECUTE FUNCTION market_post_launch_reviews_refuse_change_when_recorded()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "initiatives" DROP CONSTRAINT "ck_initiatives_origin"`);
    await q.query(
      `ALTER TABLE "initiatives" ADD CONSTRAINT "ck_initiatives_origin" CHECK ((origin_type IS NULL) = (origin_id IS NULL) AND (origin_type IS NULL OR origin_type IN ('nonconformity', 'customer_complaint', 'audit_observation', 'management_review')))`,
    );
    await q.query(`DROP TABLE "market_feedback"`);
    await q.query(`DROP TABLE "market_post_launch_reviews"`);
    await q.query(`DROP TABLE "market_values"`);
    await q.query(`DROP TABLE "market_products"`);
    await q.query(`DROP FUNCTION market_post_launch_reviews_refuse_change_when_recorded()`);
  }
}
