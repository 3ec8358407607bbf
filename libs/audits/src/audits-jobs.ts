import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditSweeper } from './audit-sweeper';

/** The maintenance sweep that reminds auditors of coming audits and escalates overdue ones. */
@Injectable()
export class AuditsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sweeper: AuditSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-internal-audits': () => this.sweeper.sweep() },
      schedules: {
        every,
        jobs: [
          { id: 'sweep-internal-audits', job: 'sweep-internal-audits', repeat: { every }, opts: SCHEDULED_JOB_OPTIONS },
        ],
      },
    });
  }
}
