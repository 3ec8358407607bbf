import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lean continuous improvement (ISO 9001 10.3): a value stream per controlled process record, its baseline and
 * measurements (kept as recorded), and improvement events (kaizen) with their actions, numbered from a sequence. A
 * closed event is a record: a trigger refuses to change or delete it or its actions.
 */
export class CreateLean1795001900000 implements MigrationInterface {
  name = 'CreateLean1795001900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE improvement_event_numbers`);
    await q.query(
      `CREATE TABLE "value_streams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "process_record_id" uuid NOT NULL, "package_id" uuid NOT NULL, "name" text NOT NULL, "owner_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "baseline_at" TIMESTAMP WITH TIME ZONE, "measured_at" TIMESTAMP WITH TIME ZONE, "requested_period" integer, CONSTRAINT "pk_value_streams" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_value_streams_process_record" ON "value_streams"  ("process_record_id") `);
    await q.query(
      `CREATE TABLE "value_stream_measurements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "value_stream_id" uuid NOT NULL, "kind" text NOT NULL, "period" integer, "steps" jsonb NOT NULL, "lead_time" double precision NOT NULL, "process_time" double precision NOT NULL, "flow_efficiency" double precision, "rolled_ca" double precision NOT NULL, "improvement_event_id" uuid, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_value_stream_measurements_close" CHECK ((kind = 'close') = (improvement_event_id IS NOT NULL)), CONSTRAINT "ck_value_stream_measurements_kind" CHECK (kind IN ('baseline', 'measurement', 'close')), CONSTRAINT "pk_value_stream_measurements" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_value_stream_measurements_baseline" ON "value_stream_measurements"  ("value_stream_id") WHERE kind = 'baseline'`,
    );
    await q.query(
      `CREATE INDEX "ix_value_stream_measurements_stream" ON "value_stream_measurements"  ("value_stream_id", "recorded_at") `,
    );
    await q.query(
      `CREATE TABLE "improvement_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" text NOT NULL, "value_stream_id" uuid NOT NULL, "waste" text NOT NULL, "problem" text NOT NULL, "target" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "raised_by" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "change_request_id" uuid, "change_document_id" uuid, "close_measurement_id" uuid, "before_lead_time" double precision, "before_flow_efficiency" double precision, "close_note" text, "closed_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_improvement_events_closed" CHECK ((status = 'closed') = (close_measurement_id IS NOT NULL)), CONSTRAINT "ck_improvement_events_waste" CHECK (waste IN ('defects', 'overproduction', 'waiting', 'non_utilised_talent', 'transportation', 'inventory', 'motion', 'extra_processing')), CONSTRAINT "ck_improvement_events_status" CHECK (status IN ('open', 'closed')), CONSTRAINT "pk_improvement_events" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_improvement_events_change_request" ON "improvement_events"  ("change_request_id") `,
    );
    await q.query(
      `CREATE INDEX "ix_improvement_events_closed" ON "improvement_events"  ("closed_at") WHERE status = 'closed'`,
    );
    await q.query(
      `CREATE INDEX "ix_improvement_events_stream" ON "improvement_events"  ("value_stream_id", "raised_at") `,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_improvement_events_number" ON "improvement_events"  ("number") `);
    await q.query(
      `CREATE TABLE "improvement_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "improvement_event_id" uuid NOT NULL, "text" text NOT NULL, "owner_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "done_at" TIMESTAMP WITH TIME ZONE, "done_by" uuid, "done_note" text, "escalated_to_owner_at" TIMESTAMP WITH TIME ZONE, "escalated_to_quality_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_improvement_actions" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_improvement_actions_open_due" ON "improvement_actions"  ("due_at") WHERE done_at IS NULL`,
    );
    await q.query(`CREATE INDEX "ix_improvement_actions_event" ON "improvement_actions"  ("improvement_event_id") `);
    await q.query(
      `ALTER TABLE "value_streams" ADD CONSTRAINT "fk_value_streams_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "value_stream_measurements" ADD CONSTRAINT "fk_value_stream_measurements_stream" FOREIGN KEY ("value_stream_id") REFERENCES "value_streams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "value_stream_measurements" ADD CONSTRAINT "fk_value_stream_measurements_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "improvement_events" ADD CONSTRAINT "fk_improvement_events_stream" FOREIGN KEY ("value_stream_id") REFERENCES "value_streams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "improvement_events" ADD CONSTRAINT "fk_improvement_events_raised_by" FOREIGN KEY ("raised_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "improvement_events" ADD CONSTRAINT "fk_improvement_events_close_measurement" FOREIGN KEY ("close_measurement_id") REFERENCES "value_stream_measurements"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "improvement_actions" ADD CONSTRAINT "fk_improvement_actions_event" FOREIGN KEY ("improvement_event_id") REFERENCES "improvement_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "improvement_actions" ADD CONSTRAINT "fk_improvement_actions_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION value_stream_measurements_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'value-stream measurements are kept as recorded: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_value_stream_measurements_frozen BEFORE UPDATE OR DELETE ON value_stream_measurements FOR EACH ROW EXECUTE FUNCTION value_stream_measurements_refuse_change()`,
    );
    await q.query(`
      CREATE FUNCTION improvement_events_refuse_change_when_closed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'improvement event % is closed: % refused', OLD.number, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_improvement_events_closed_frozen BEFORE UPDATE OR DELETE ON improvement_events FOR EACH ROW EXECUTE FUNCTION improvement_events_refuse_change_when_closed()`,
    );
    await q.query(`
      CREATE FUNCTION improvement_actions_refuse_change_when_closed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM improvement_events WHERE id = OLD.improvement_event_id AND status = 'closed') THEN
          RAISE EXCEPTION 'the improvement event of action % is closed: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_improvement_actions_closed_frozen BEFORE UPDATE OR DELETE ON improvement_actions FOR EACH ROW EXECUTE FUNCTION improvement_actions_refuse_change_when_closed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE improvement_actions`);
    await q.query(`DROP TABLE improvement_events`);
    await q.query(`DROP TABLE value_stream_measurements`);
    await q.query(`DROP TABLE value_streams`);
    await q.query(`DROP FUNCTION improvement_actions_refuse_change_when_closed()`);
    await q.query(`DROP FUNCTION improvement_events_refuse_change_when_closed()`);
    await q.query(`DROP FUNCTION value_stream_measurements_refuse_change()`);
    await q.query(`DROP SEQUENCE improvement_event_numbers`);
  }
}
