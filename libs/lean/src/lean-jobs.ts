import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { LEAN_QUEUE } from './lean-job-types';
import { LeanSweeper } from './lean-sweeper';
import { ValueStreamMeasurements } from './value-stream-measurements';

/** The measurement requests (scheduled per value stream and period) and the sweep that escalates overdue actions. */
@Injectable()
export class LeanJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly measurements: ValueStreamMeasurements,
    private readonly sweeper: LeanSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: LEAN_QUEUE,
      concurrency: 2,
      handlers: {
        // The return value says whether this job was the one that asked (a retry or a measured period asks nothing).
        'lean-measurement-due': ({ valueStreamId, period }) =>
          this.measurements.askForMeasurement(valueStreamId, period),
      },
    });
    const sweepEvery = this.config.queues.sweepIntervalMs;
    const checkEvery = this.config.lean.measurementCheckEveryMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: {
        'sweep-lean': () => this.sweeper.escalateOverdue(),
        'lean-schedule-measurements': () => this.sweeper.scheduleMeasurements(),
      },
      schedules: {
        every: Math.min(sweepEvery, checkEvery),
        jobs: [
          { id: 'sweep-lean', job: 'sweep-lean', repeat: { every: sweepEvery }, opts: SCHEDULED_JOB_OPTIONS },
          {
            id: 'lean-schedule-measurements',
            job: 'lean-schedule-measurements',
            repeat: { every: checkEvery },
            opts: SCHEDULED_JOB_OPTIONS,
          },
        ],
      },
    });
  }
}
