import { initiativesWithExpiredHold } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ComputeGateOutcome } from './compute-gate-outcome';
import { HoldExpiry } from './hold-expiry';
import { ReviewDeadlines } from './review-deadlines';
import { ReviewScheduler } from './review-scheduler';
import { selectIds } from './review-rows';

export interface SweepReport {
  prepared: number;
  outcomes: number;
  escalated: number;
  holdsExpired: number;
}

/**
 * The safety net under the delayed jobs: whatever a lost or removed job should have done, the database says is
 * still due, and this repeatable sweep does it (each step is idempotent).
 */
@Injectable()
export class GatesSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: ReviewScheduler,
    private readonly outcomes: ComputeGateOutcome,
    private readonly deadlines: ReviewDeadlines,
    private readonly holds: HoldExpiry,
  ) {}

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { prepared: 0, outcomes: 0, escalated: 0, holdsExpired: 0 };
    const stuck = await selectIds(
      this.dataSource,
      `SELECT id FROM gate_reviews WHERE status = 'requested' AND requested_at < now() - interval '1 minute' LIMIT 100`,
    );
    for (const id of stuck) {
      await this.scheduler.enqueuePrepare(id);
      report.prepared += 1;
    }
    const complete = await selectIds(
      this.dataSource,
      `SELECT r.id FROM gate_reviews r WHERE r.status = 'scoring'
          AND (SELECT count(*) FROM scorecards s WHERE s.review_id = r.id) = (SELECT count(*) FROM gate_review_assignments a WHERE a.review_id = r.id)
        LIMIT 100`,
    );
    for (const id of complete) if ((await this.outcomes.run(id)) !== null) report.outcomes += 1;
    const overdue = await selectIds(
      this.dataSource,
      `SELECT id FROM gate_reviews WHERE status = 'scoring' AND escalated_at IS NULL AND deadline_at <= now() LIMIT 100`,
    );
    for (const id of overdue) if (await this.deadlines.escalate(id)) report.escalated += 1;
    const expired = await selectIds(
      this.dataSource,
      `SELECT DISTINCT ON (r.initiative_id) r.id FROM gate_reviews r
        WHERE r.initiative_id = ANY($1::uuid[]) AND r.decision = 'hold' ORDER BY r.initiative_id, r.decided_at DESC`,
      [await initiativesWithExpiredHold(this.dataSource, 100)],
    );
    for (const id of expired) if ((await this.holds.run(id)) === 'resumed') report.holdsExpired += 1;
    return report;
  }
}
