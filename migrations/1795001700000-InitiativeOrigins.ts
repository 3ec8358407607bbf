import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operations feed innovation (ISO 56001 8.3.2): an initiative may record where it came from (a nonconformity, a
 * customer complaint, ...), set once at creation; a nonconformity keeps the initiative it raised.
 */
export class InitiativeOrigins1795001700000 implements MigrationInterface {
  name = 'InitiativeOrigins1795001700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "initiatives" ADD "origin_type" text`);
    await q.query(`ALTER TABLE "initiatives" ADD "origin_id" uuid`);
    await q.query(`ALTER TABLE "initiatives" ADD "origin_label" text`);
    await q.query(
      `ALTER TABLE "initiatives" ADD CONSTRAINT "ck_initiatives_origin" CHECK ((origin_type IS NULL) = (origin_id IS NULL) AND (origin_type IS NULL OR origin_type IN ('nonconformity', 'customer_complaint', 'audit_observation', 'management_review')))`,
    );
    await q.query(`CREATE INDEX "ix_initiatives_origin" ON "initiatives"  ("origin_id") `);
    await q.query(`ALTER TABLE "nonconformities" ADD "opportunity_initiative_id" uuid`);
    await q.query(
      `ALTER TABLE "nonconformities" ADD CONSTRAINT "fk_nonconformities_opportunity" FOREIGN KEY ("opportunity_initiative_id") REFERENCES "initiatives"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // The dashboards' read model: per initiative, its creation day, whether operations raised it, and how long it
    // waited for its first gate decision. Filled here for the rows already there; every refresh keeps them.
    await q.query(`ALTER TABLE "insights_initiatives" ADD "created_day" date`);
    await q.query(`ALTER TABLE "insights_initiatives" ADD "from_operations" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "insights_initiatives" ADD "first_decision_seconds" double precision`);
    await q.query(
      `CREATE INDEX "ix_insights_initiatives_created" ON "insights_initiatives"  ("portfolio_id", "created_day") `,
    );
    await q.query(
      `UPDATE insights_initiatives t SET created_day = (i.created_at AT TIME ZONE 'UTC')::date,
              first_decision_seconds = (SELECT extract(epoch FROM min(e.occurred_at) - i.created_at)::float8
                                          FROM stage_events e WHERE e.initiative_id = i.id AND e.kind = 'decision'
                                           AND e.gate IS NOT NULL AND e.decision IS NOT NULL)
         FROM initiatives i WHERE i.id = t.initiative_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_insights_initiatives_created"`);
    await q.query(`ALTER TABLE "insights_initiatives" DROP COLUMN "first_decision_seconds"`);
    await q.query(`ALTER TABLE "insights_initiatives" DROP COLUMN "from_operations"`);
    await q.query(`ALTER TABLE "insights_initiatives" DROP COLUMN "created_day"`);
    await q.query(`ALTER TABLE "nonconformities" DROP CONSTRAINT "fk_nonconformities_opportunity"`);
    await q.query(`ALTER TABLE "nonconformities" DROP COLUMN "opportunity_initiative_id"`);
    await q.query(`DROP INDEX "public"."ix_initiatives_origin"`);
    await q.query(`ALTER TABLE "initiatives" DROP CONSTRAINT "ck_initiatives_origin"`);
    await q.query(`ALTER TABLE "initiatives" DROP COLUMN "origin_label"`);
    await q.query(`ALTER TABLE "initiatives" DROP COLUMN "origin_id"`);
    await q.query(`ALTER TABLE "initiatives" DROP COLUMN "origin_type"`);
  }
}
