import { activeUserIdsWithAnyRole, InboxService } from '@ambidex/identity';
import { AuditTrail, queryChanges, queryRows, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REVIEW_REMINDER_DAYS } from './domain/periodic-review';
import { UNANSWERED } from './document-review-readers';

interface DueRow {
  id: string;
  owner_id: string;
  number: string | null;
  title: string;
  review_due_at: Date;
}

/**
 * The periodic review sweep (maintenance queue): the owner hears of a review REVIEW_REMINDER_DAYS before it is due,
 * quality heads once it is overdue, each once per due date. The remembered due date (`review_reminded_for`,
 * `review_escalated_for`) makes a rerun, or two sweeps at once, a no-op; the inbox dedupe keys back it.
 */
@Injectable()
export class PeriodicReviewSweep {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  async sweep(): Promise<{ reminded: number; escalated: number }> {
    const reminded = await this.tx.run((em) => this.remind(em));
    const escalated = await this.tx.run((em) => this.escalate(em));
    return { reminded, escalated };
  }

  private async remind(em: EntityManager): Promise<number> {
    const due = await claim(
      em,
      'review_reminded_for',
      `d.review_due_at <= now() + make_interval(days => ${REVIEW_REMINDER_DAYS})`,
    );
    for (const doc of due) {
      await this.inbox.add(em, {
        userId: doc.owner_id,
        kind: 'document_review_due',
        subjectType: 'controlled_document',
        subjectId: doc.id,
        title: `Periodic review of ${doc.number ?? doc.title} due ${day(doc.review_due_at)}`,
        dedupeKey: `document-review:${doc.id}:${doc.review_due_at.toISOString()}`,
        dueAt: doc.review_due_at,
      });
    }
    return due.length;
  }

  private async escalate(em: EntityManager): Promise<number> {
    const overdue = await claim(em, 'review_escalated_for', `d.review_due_at <= now()`);
    if (overdue.length === 0) return 0;
    const qualityHeads = await activeUserIdsWithAnyRole(em, ['quality_head']);
    for (const doc of overdue) {
      const dueKey = doc.review_due_at.toISOString();
      for (const userId of qualityHeads) {
        await this.inbox.add(em, {
          userId,
          kind: 'document_review_overdue',
          subjectType: 'controlled_document',
          subjectId: doc.id,
          title: `Periodic review of ${doc.number ?? doc.title} overdue since ${day(doc.review_due_at)}`,
          dedupeKey: `document-review-overdue:${doc.id}:${dueKey}:${userId}`,
          dueAt: doc.review_due_at,
        });
      }
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'qms.document.review-overdue',
        entityType: 'controlled_document',
        entityId: doc.id,
        chainKey: `controlled_document:${doc.id}`,
        after: { dueAt: doc.review_due_at, qualityHeads: qualityHeads.length },
      });
    }
    return overdue.length;
  }
}

/**
 * Marks up to 200 unanswered documents matching `when` as handled for their current due date, in id order (the
 * global lock order; rows another transaction holds wait for the next sweep), and returns them.
 */
async function claim(
  em: EntityManager,
  marker: 'review_reminded_for' | 'review_escalated_for',
  when: string,
): Promise<DueRow[]> {
  const ids = await queryRows<{ id: string }>(
    em,
    `SELECT d.id FROM controlled_documents d
      WHERE ${UNANSWERED} AND ${when} AND d.${marker} IS DISTINCT FROM d.review_due_at
      ORDER BY d.id LIMIT 200 FOR UPDATE SKIP LOCKED`,
  );
  if (ids.length === 0) return [];
  const { rows } = await queryChanges<DueRow>(
    em,
    `UPDATE controlled_documents d SET ${marker} = d.review_due_at WHERE d.id = ANY($1::uuid[])
     RETURNING d.id, d.owner_id, d.number, d.title, d.review_due_at`,
    [ids.map((r) => r.id)],
  );
  return rows;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
