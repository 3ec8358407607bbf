import { MigrationInterface, QueryRunner } from 'typeorm';

/** An audit observation raises one opportunity; kept beside the checklist item, which a signed report freezes. */
export class AuditObservationOpportunities1795002300000 implements MigrationInterface {
  name = 'AuditObservationOpportunities1795002300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_observation_opportunities" ("item_id" uuid NOT NULL, "initiative_id" uuid NOT NULL, "raised_by" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_audit_observation_opportunities" PRIMARY KEY ("item_id"))`,
    );
    await q.query(
      `ALTER TABLE "audit_observation_opportunities" ADD CONSTRAINT "fk_audit_observation_opportunities_item" FOREIGN KEY ("item_id") REFERENCES "internal_audit_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "audit_observation_opportunities" ADD CONSTRAINT "fk_audit_observation_opportunities_raised_by" FOREIGN KEY ("raised_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_observation_opportunities"`);
  }
}
