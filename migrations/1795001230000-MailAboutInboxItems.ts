import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail about inbox items. Items learn their due date (where the work has one), so the daily digest can list the
 * overdue ones. `mail_deliveries` holds one row per mail to send: one per inbox item, one per user and UTC day for
 * the digest; the unique keys are what keeps a retried job or a re-run digest from sending twice.
 */
export class MailAboutInboxItems1795001230000 implements MigrationInterface {
  name = 'MailAboutInboxItems1795001230000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_items ADD COLUMN due_at timestamptz`);
    await q.query(
      `CREATE INDEX ix_inbox_items_overdue ON inbox_items (due_at) WHERE done_at IS NULL AND due_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE mail_deliveries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        user_id uuid NOT NULL,
        inbox_item_id uuid,
        digest_date date,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT pk_mail_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_mail_deliveries_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT fk_mail_deliveries_inbox_item FOREIGN KEY (inbox_item_id) REFERENCES inbox_items (id) ON DELETE CASCADE,
        CONSTRAINT ck_mail_deliveries_status CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        CONSTRAINT ck_mail_deliveries_kind CHECK (
          (kind = 'inbox_item' AND inbox_item_id IS NOT NULL AND digest_date IS NULL)
          OR (kind = 'digest' AND digest_date IS NOT NULL AND inbox_item_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_mail_deliveries_inbox_item ON mail_deliveries (inbox_item_id)`);
    await q.query(`CREATE UNIQUE INDEX uq_mail_deliveries_digest ON mail_deliveries (user_id, digest_date)`);
    await q.query(`CREATE INDEX ix_mail_deliveries_pending ON mail_deliveries (created_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_deliveries`);
    await q.query(`DROP INDEX ix_inbox_items_overdue`);
    await q.query(`ALTER TABLE inbox_items DROP COLUMN due_at`);
  }
}
