import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ComputeGateOutcome } from './compute-gate-outcome';
import { GATES_QUEUE } from './gate-job-types';
import { GatesSweeper } from './gates-sweeper';
import { HoldExpiry } from './hold-expiry';
import { PrepareGateReview } from './prepare-gate-review';
import { ReviewDeadlines } from './review-deadlines';

/** The gates queue (each job calls one idempotent service method) and the sweep that redoes lost gate jobs. */
@Injectable()
export class GateJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly prepare: PrepareGateReview,
    private readonly outcome: ComputeGateOutcome,
    private readonly deadlines: ReviewDeadlines,
    private readonly holds: HoldExpiry,
    private readonly sweeper: GatesSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: GATES_QUEUE,
      concurrency: 4,
      handlers: {
        'prepare-review': ({ reviewId }) => this.prepare.run(reviewId),
        'compute-outcome': async ({ reviewId }) => (await this.outcome.run(reviewId))?.proposal ?? 'skipped',
        'review-reminder': ({ reviewId }) => this.deadlines.remind(reviewId),
        'review-escalation': ({ reviewId }) => this.deadlines.escalate(reviewId),
        'hold-expired': ({ reviewId }) => this.holds.run(reviewId),
      },
    });
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-gates': () => this.sweeper.sweep() },
      schedules: {
        every,
        jobs: [{ id: 'sweep-gates', job: 'sweep-gates', repeat: { every }, opts: SCHEDULED_JOB_OPTIONS }],
      },
    });
  }
}
