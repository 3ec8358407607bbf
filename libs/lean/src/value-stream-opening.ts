import { InboxService } from '@ambidex/identity';
import { processRecordOfPackage } from '@ambidex/handover';
import { AuditTrail, queryRows, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';

export const BASELINE_DUE_KIND = 'lean_baseline_due';

/**
 * A handover accepted makes its process record controlled: its value stream opens, and the process owner is asked to
 * set the baseline. Delivered events may come twice; the unique process record makes the second a no-op.
 */
@Injectable()
export class ValueStreamOpening {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  /** Returns the value stream's id, or null when the package drafted no process record. */
  async openForPackage(packageId: string): Promise<string | null> {
    return this.tx.run(async (em) => {
      const process = await processRecordOfPackage(em, packageId);
      if (process === null) return null;
      const [opened] = await queryRows<{ id: string }>(
        em,
        `INSERT INTO value_streams (process_record_id, package_id, name, owner_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (process_record_id) DO NOTHING RETURNING id`,
        [process.id, packageId, process.name, process.ownerId],
      );
      if (opened === undefined) {
        const [existing] = await queryRows<{ id: string }>(
          em,
          `SELECT id FROM value_streams WHERE process_record_id = $1`,
          [process.id],
        );
        return existing?.id ?? null;
      }
      await this.inbox.add(em, {
        userId: process.ownerId,
        kind: BASELINE_DUE_KIND,
        subjectType: 'value_stream',
        subjectId: opened.id,
        title: `Set the value-stream baseline of “${process.name.slice(0, 160)}”`,
        dedupeKey: `lean-baseline:${opened.id}`,
      });
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'lean.value-stream-opened',
        entityType: 'value_stream',
        entityId: opened.id,
        chainKey: `value_stream:${opened.id}`,
        after: { processRecordId: process.id, packageId, ownerId: process.ownerId },
      });
      return opened.id;
    });
  }
}
