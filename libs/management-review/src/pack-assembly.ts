import { actorOf, Principal } from '@ambidex/identity';
import { addDays, InsightsQueries } from '@ambidex/insights';
import {
  APP_CONFIG,
  AppConfig,
  AuditTrail,
  Outbox,
  queryChanges,
  SYSTEM_ACTOR,
  TransactionRunner,
} from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { ManagementReviewStateError } from './domain/management-review.errors';
import { ManagementReviewPack, PackPeriod, packOf, PackSection, packSha256 } from './domain/pack';
import { ManagementReviewEvents, packJobIntent } from './management-review-events';
import { loadReview, ManagementReviewRecord } from './management-review-rows';
import { dashboardOverviews } from './pack/dashboard-overviews';
import { PackSectionBuilder } from './pack/pack-section-builder';
import { packSections } from './pack/pack-sections';

/**
 * The review's pack: assembled by a job once scheduled, and again (a new round) when leadership asks while the review
 * is not signed. Only the latest round's job stores its pack; a late job of an older round finds itself outrun.
 */
@Injectable()
export class PackAssembly {
  private readonly sections: PackSectionBuilder[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly insights: InsightsQueries,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sections = packSections(config.market);
  }

  /** The job. Returns whether it stored the pack (false: signed, outrun by a newer round, or already stored). */
  async assemble(reviewId: string, round: number): Promise<boolean> {
    const review = await loadReview(this.dataSource.manager, reviewId);
    if (review.status !== 'scheduled' || review.packRound !== round || review.packAssembledRound === round)
      return false;
    const { pack, sha256 } = await this.build(review);
    return this.tx.run(async (em) => {
      const { count } = await queryChanges(
        em,
        `UPDATE management_reviews SET pack = $3, pack_sha256 = $4, pack_assembled_round = $2, pack_assembled_at = now()
          WHERE id = $1 AND status = 'scheduled' AND pack_round = $2`,
        [reviewId, round, JSON.stringify(pack), sha256],
      );
      if (count !== 1) return false;
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'management-review.pack-assembled',
        entityType: 'management_review',
        entityId: reviewId,
        chainKey: `management_review:${reviewId}`,
        after: { round, packSha256: sha256 },
      });
      return true;
    });
  }

  /** The pack of a review as its job would store it now, without storing it (bench:management-review times it). */
  async preview(
    reviewId: string,
    timings?: Map<string, number>,
  ): Promise<{ pack: ManagementReviewPack; sha256: string }> {
    return this.build(await loadReview(this.dataSource.manager, reviewId), timings);
  }

  /** Every section in one snapshot, grouped by clause and hashed; `timings` gets each section's ms when given. */
  private async build(
    review: ManagementReviewRecord,
    timings?: Map<string, number>,
  ): Promise<{ pack: ManagementReviewPack; sha256: string }> {
    const period = periodOf(review);
    // The dashboards read the insights read model in snapshots of their own (and may refresh it), so before the pack's
    // transaction: inside it they would wait for a second connection, which an embedded database's pool of one never frees.
    const dashboards = await dashboardOverviews(this.insights, this.dataSource.manager, period);
    // One snapshot for the sections reading the contexts' rows, so they agree with each other.
    const sections = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const built: PackSection[] = [];
      for (const build of this.sections) {
        const started = performance.now();
        const section = await build(em, period, dashboards);
        timings?.set(section.key, performance.now() - started);
        built.push(section);
      }
      return built;
    });
    const pack = packOf(period, sections, new Date());
    return { pack, sha256: packSha256(pack) };
  }

  /** Leadership asks for a fresh pack (new figures, changed context text): a new round and its job. */
  async reassemble(principal: Principal, reviewId: string): Promise<void> {
    await this.tx.run(async (em) => {
      await loadReview(em, reviewId);
      const { rows } = await queryChanges<{ pack_round: number }>(
        em,
        `UPDATE management_reviews SET pack_round = pack_round + 1 WHERE id = $1 AND status = 'scheduled' RETURNING pack_round`,
        [reviewId],
      );
      const round = rows[0]?.pack_round;
      if (round === undefined) throw new ManagementReviewStateError('The review is signed: its pack is frozen');
      await this.outbox.record(
        em,
        {
          type: ManagementReviewEvents.PackRequested,
          aggregateType: 'management_review',
          aggregateId: reviewId,
          payload: { reviewId, round },
        },
        { job: packJobIntent(reviewId, round) },
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'management-review.pack-requested',
        entityType: 'management_review',
        entityId: reviewId,
        chainKey: `management_review:${reviewId}`,
        after: { round },
      });
    });
  }
}

/** The review's period as the pack reads it: the inclusive `to` becomes the half-open day after. */
export function periodOf(review: ManagementReviewRecord): PackPeriod {
  return {
    reviewId: review.id,
    meetingOn: review.meetingOn,
    from: review.periodFrom,
    to: review.periodTo,
    fromDay: review.periodFrom,
    toDay: addDays(review.periodTo, 1),
    portfolioId: review.portfolioId,
    ambition: review.ambition,
    horizon: review.horizon,
  };
}
