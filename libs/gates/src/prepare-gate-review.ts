import { EvidenceReader } from '@ambidex/experiments';
import { activeUserIdsWithAnyRole, InboxService } from '@ambidex/identity';
import { initiativeDeliverables } from '@ambidex/portfolio';
import { AuditTrail, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssumptionState, checkReadiness, DeliverableState, ReadinessReport } from './domain/readiness';
import { Panel, selectReviewPanel } from './domain/review-panel';
import { gatherEvidence } from './evidence-snapshot';
import { loadReview } from './review-loader';
import { chairCandidates, gatekeeperCandidates, openConditionCount } from './review-rows';
import { ReviewScheduler } from './review-scheduler';
import { GateReviewEntity } from './gate-review.entity';

const DAY_MS = 24 * 3600 * 1000;

export type PrepareResult = 'opened' | 'not_ready' | 'skipped';

/**
 * The job after a review request: readiness check, evidence snapshot, gatekeepers and chair, deadline.
 * Idempotent: it acts only on a review still 'requested', locked for the transaction.
 */
@Injectable()
export class PrepareGateReview {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly scheduler: ReviewScheduler,
    private readonly evidence: EvidenceReader,
  ) {}

  async run(reviewId: string): Promise<PrepareResult> {
    const result = await this.tx.run(async (em) => {
      const { review, initiative, definition } = await loadReview(em, reviewId, true);
      if (review.status !== 'requested') {
        // A worker that died after the commit never scheduled the deadline jobs; their ids make this harmless.
        const due = review.status === 'scoring' && review.openedAt !== null && review.deadlineAt !== null;
        return due
          ? { outcome: 'skipped' as const, openedAt: review.openedAt as Date, deadlineAt: review.deadlineAt as Date }
          : { outcome: 'skipped' as const };
      }
      const deliverables: DeliverableState[] = (await initiativeDeliverables(em, initiative.id, review.gate)).map(
        ({ key, name, status, note }) => ({ key, name, status, note }),
      );
      const openConditions = await openConditionCount(em, initiative.id);
      const financialsComplete = [
        initiative.npv,
        initiative.probabilityCommercial,
        initiative.probabilityTechnical,
        initiative.commercializationCost,
        initiative.remainingDevelopmentCost,
      ].every((v) => v !== null);
      const assumptions: AssumptionState[] = await this.evidence.assumptionsOf(em, initiative.id);
      const report = checkReadiness(definition, {
        deliverables,
        financialsComplete,
        openConditions,
        assumptions,
      });
      const people = report.ready
        ? await this.pickPeople(em, initiative.ownerId, definition.gatekeepersRequired)
        : null;
      if (!report.ready || people === null || people.problem !== null) {
        const readiness: ReadinessReport & { problem?: string } = {
          ...report,
          ready: false,
          ...(people?.problem ? { problem: people.problem } : {}),
        };
        await this.markNotReady(em, review, initiative.ownerId, readiness);
        return { outcome: 'not_ready' as const };
      }
      const { content, hash } = await gatherEvidence(em, this.evidence, initiative, review.gate, report.evaluated);
      await em.query(`INSERT INTO evidence_snapshots (review_id, content, content_hash) VALUES ($1, $2, $3)`, [
        reviewId,
        JSON.stringify(content),
        hash,
      ]);
      const openedAt = new Date();
      const deadlineAt = new Date(openedAt.getTime() + definition.reviewDays * DAY_MS);
      const [, changed] = (await em.query(
        `UPDATE gate_reviews SET status = 'scoring', chair_id = $2, opened_at = $3, deadline_at = $4, readiness = $5, evaluated = $6,
                version = version + 1
          WHERE id = $1 AND status = 'requested'`,
        [reviewId, people.chairId, openedAt, deadlineAt, JSON.stringify(report), JSON.stringify(report.evaluated)],
      )) as [unknown, number];
      if (changed !== 1) throw new Error(`review ${reviewId} left 'requested' while locked`);
      for (const gatekeeperId of people.gatekeeperIds) {
        await em.query(`INSERT INTO gate_review_assignments (review_id, gatekeeper_id) VALUES ($1, $2)`, [
          reviewId,
          gatekeeperId,
        ]);
        await this.inbox.add(em, {
          userId: gatekeeperId,
          kind: 'score_review',
          subjectType: 'gate_review',
          subjectId: reviewId,
          title: `Score ${review.gate} for “${initiative.title}” by ${deadlineAt.toISOString().slice(0, 10)}`,
          dedupeKey: `score:${reviewId}:${gatekeeperId}`,
          dueAt: deadlineAt,
        });
      }
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'gates.review.opened',
        entityType: 'initiative',
        entityId: initiative.id,
        after: {
          reviewId,
          gate: review.gate,
          chairId: people.chairId,
          gatekeepers: people.gatekeeperIds,
          evidenceHash: hash,
          deadlineAt,
        },
      });
      return { outcome: 'opened' as const, openedAt, deadlineAt };
    });
    if ('deadlineAt' in result && result.openedAt !== undefined && result.deadlineAt !== undefined) {
      await this.scheduler.scheduleDeadline(reviewId, result.openedAt, result.deadlineAt);
    }
    return result.outcome;
  }

  /** Gatekeepers and chair by the domain's rule (selectReviewPanel), from each candidate's open load and last assignment. */
  private async pickPeople(em: EntityManager, ownerId: string, needed: number): Promise<Panel> {
    const gatekeepers = await gatekeeperCandidates(em, await activeUserIdsWithAnyRole(em, ['gatekeeper']));
    const chairs = await chairCandidates(em, await activeUserIdsWithAnyRole(em, ['leadership']));
    return selectReviewPanel({ ownerId, needed, gatekeepers, chairs });
  }

  private async markNotReady(
    em: EntityManager,
    review: GateReviewEntity,
    ownerId: string,
    readiness: ReadinessReport,
  ): Promise<void> {
    await em.query(
      `UPDATE gate_reviews SET status = 'not_ready', readiness = $2, version = version + 1 WHERE id = $1 AND status = 'requested'`,
      [review.id, JSON.stringify(readiness)],
    );
    await this.inbox.add(em, {
      userId: ownerId,
      kind: 'review_not_ready',
      subjectType: 'gate_review',
      subjectId: review.id,
      title: `${review.gate} review not ready: ${readiness.openDeliverables.length > 0 ? `open deliverables ${readiness.openDeliverables.join(', ')}` : 'see the readiness report'}`,
      dedupeKey: `not-ready:${review.id}`,
    });
    await this.audit.append(em, {
      actor: SYSTEM_ACTOR,
      action: 'gates.review.not-ready',
      entityType: 'initiative',
      entityId: review.initiativeId,
      after: { reviewId: review.id, readiness },
    });
  }
}
