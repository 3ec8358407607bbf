import { Actor, AuditTrail, TransactionRunner } from '@ambidex/platform';
import { lockInitiatives } from '@ambidex/portfolio';
import { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DAY_MS, REVIEW_SPAN_DAYS } from './demo-timeline';

export const DEMO_SEED_ACTOR: Actor = { userId: null, label: 'demo seed' };
export const BACKDATED_ACTION = 'demo.history.backdated';
const REASON =
  'demo seed: the demo history is spread over realistic days; the records themselves were written when the seed ran';
const HOUR_MS = 3600 * 1000;

type HistoryRow = {
  seq: number;
  kind: string;
  review_id: string | null;
  from_stage: string | null;
  to_stage: string;
  occurred_at: Date;
};

/**
 * Seed-only, and the one place in Ambidex that moves a recorded time. The services stamp every change with the
 * database's clock, so a seed that runs in seconds would leave every stage passage at 0.0 days. Right after each step
 * of a demo initiative's past (its creation, each decided review), this moves that step onto its planned day:
 * - the history event (stage_events.occurred_at) and the initiative's created_at / stage_entered_at: what the funnel
 *   and cycle-time figures read;
 * - for a decision, its review's request, opening, deadline and decision, the assignments and the scorecards; for a G3
 *   Go, the handover package it assembled (with its process record and draft documents).
 * Nothing else moves: audit entries, evidence snapshots, signatures, learnings and results are append-only and keep
 * the time they were written, and each move is itself an audit entry (demo.history.backdated, before and after) on
 * the initiative's chain. Steps are moved as they happen, oldest first, so a later review's frozen evidence already
 * shows the earlier steps on their days.
 */
export class DemoBackdating {
  constructor(private readonly app: INestApplicationContext) {}

  /** The initiative's creation, its only history event so far. */
  async created(initiativeId: string, at: Date): Promise<void> {
    await this.app.get(TransactionRunner).run(async (em) => {
      const history = await this.lockedHistory(em, initiativeId);
      const created = history[0];
      if (history.length !== 1 || created?.kind !== 'created')
        throw new Error(`demo initiative ${initiativeId}: only a fresh creation moves`);
      if (at.getTime() >= created.occurred_at.getTime())
        throw new Error(`demo initiative ${initiativeId}: ${at.toISOString()} is not in its past`);
      await em.query(`UPDATE stage_events SET occurred_at = $2 WHERE initiative_id = $1 AND seq = $3`, [
        initiativeId,
        at,
        created.seq,
      ]);
      await em.query(`UPDATE initiatives SET created_at = $2, stage_entered_at = $2 WHERE id = $1`, [initiativeId, at]);
      await this.audited(
        em,
        initiativeId,
        { createdAt: created.occurred_at.toISOString() },
        { createdAt: at.toISOString() },
      );
    });
  }

  /** The initiative's latest history event, the decision of this review, with the review (and its package). */
  async decided(initiativeId: string, reviewId: string, at: Date): Promise<void> {
    await this.app.get(TransactionRunner).run(async (em) => {
      const [latest, previous] = (await this.lockedHistory(em, initiativeId)).reverse();
      if (latest?.kind !== 'decision' || latest.review_id !== reviewId)
        throw new Error(`demo review ${reviewId}: only the latest decision moves`);
      const requestedAt = new Date(at.getTime() - REVIEW_SPAN_DAYS * DAY_MS);
      if (
        previous === undefined ||
        requestedAt.getTime() <= previous.occurred_at.getTime() ||
        at.getTime() >= latest.occurred_at.getTime()
      ) {
        throw new Error(`demo review ${reviewId}: ${at.toISOString()} does not fit between the previous event and now`);
      }
      const [review] = (await em.query(
        `SELECT requested_at, opened_at, deadline_at, decided_at FROM gate_reviews WHERE id = $1 AND status = 'decided' FOR UPDATE`,
        [reviewId],
      )) as { requested_at: Date; opened_at: Date; deadline_at: Date; decided_at: Date }[];
      if (review === undefined) throw new Error(`demo review ${reviewId} is not decided`);
      const openedAt = new Date(requestedAt.getTime() + 2 * HOUR_MS);
      const deadlineAt = new Date(openedAt.getTime() + review.deadline_at.getTime() - review.opened_at.getTime());
      await em.query(`UPDATE stage_events SET occurred_at = $3 WHERE initiative_id = $1 AND seq = $2`, [
        initiativeId,
        latest.seq,
        at,
      ]);
      if (latest.from_stage !== latest.to_stage)
        await em.query(`UPDATE initiatives SET stage_entered_at = $2 WHERE id = $1`, [initiativeId, at]);
      await em.query(
        `UPDATE gate_reviews SET requested_at = $2, opened_at = $3, deadline_at = $4, decided_at = $5 WHERE id = $1`,
        [reviewId, requestedAt, openedAt, deadlineAt, at],
      );
      await em.query(`UPDATE gate_review_assignments SET assigned_at = $2 WHERE review_id = $1`, [reviewId, openedAt]);
      // The scorecards came in on the third, fourth, … day of the review, in the order they really came in.
      await em.query(
        `UPDATE scorecards s SET submitted_at = $2::timestamptz + make_interval(days => 2 + o.n::int)
           FROM (SELECT id, row_number() OVER (ORDER BY submitted_at, id) AS n FROM scorecards WHERE review_id = $1) o
          WHERE s.id = o.id`,
        [reviewId, openedAt],
      );
      const packageId = await this.movePackage(em, reviewId, new Date(at.getTime() + 5 * 60 * 1000));
      await this.audited(
        em,
        initiativeId,
        { seq: latest.seq, occurredAt: latest.occurred_at.toISOString(), review: { reviewId, ...isoOf(review) } },
        {
          seq: latest.seq,
          occurredAt: at.toISOString(),
          review: {
            reviewId,
            ...isoOf({ requested_at: requestedAt, opened_at: openedAt, deadline_at: deadlineAt, decided_at: at }),
          },
          packageId,
        },
      );
    });
  }

  /** The package a G3 Go assembled, still a draft, as if its job had run right after the decision. */
  private async movePackage(em: EntityManager, reviewId: string, at: Date): Promise<string | null> {
    const [moved] = (await em.query(
      `UPDATE handover_packages SET created_at = $2 WHERE review_id = $1 AND status = 'draft' RETURNING id`,
      [reviewId, at],
    )) as [{ id: string }[], number];
    const packageId = moved[0]?.id ?? null;
    if (packageId === null) return null;
    await em.query(`UPDATE process_records SET created_at = $2 WHERE package_id = $1`, [packageId, at]);
    await em.query(
      `UPDATE controlled_documents SET created_at = $2 WHERE package_id = $1 AND status = 'draft_in_package'`,
      [packageId, at],
    );
    await em.query(
      `UPDATE document_revisions SET created_at = $2 WHERE state = 'draft' AND document_id IN (SELECT id FROM controlled_documents WHERE package_id = $1)`,
      [packageId, at],
    );
    return packageId;
  }

  /** The initiative row locked first (the global lock order), then its history, oldest first. */
  private async lockedHistory(em: EntityManager, initiativeId: string): Promise<HistoryRow[]> {
    await lockInitiatives(em, [initiativeId]);
    return (await em.query(
      `SELECT seq, kind, review_id, from_stage, to_stage, occurred_at FROM stage_events WHERE initiative_id = $1 ORDER BY seq`,
      [initiativeId],
    )) as HistoryRow[];
  }

  private async audited(
    em: EntityManager,
    initiativeId: string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.app.get(AuditTrail).append(em, {
      actor: DEMO_SEED_ACTOR,
      action: BACKDATED_ACTION,
      entityType: 'initiative',
      entityId: initiativeId,
      reason: REASON,
      before,
      after,
    });
  }
}

function isoOf(times: Record<string, Date>): Record<string, string> {
  return Object.fromEntries(Object.entries(times).map(([key, value]) => [key, value.toISOString()]));
}
