import { JobHandlers } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EFFECTIVITY_QUEUE } from './qms-job-types';
import { RevisionEffectivity } from './revision-effectivity';

/** Scheduled effectivity: a revision approved for a future date becomes effective on that date. */
@Injectable()
export class QmsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly effectivity: RevisionEffectivity,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: EFFECTIVITY_QUEUE,
      handlers: { 'make-effective': ({ revisionId }) => this.effectivity.runScheduled(revisionId) },
    });
  }
}
