import { AssembleHandoverPackage } from '@ambidex/handover';
import { APP_CONFIG, AppConfig, Metrics, QueueName, REDIS_URL } from '@ambidex/platform';
import { RevisionEffectivity } from '@ambidex/qms';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/** Package assembly after a G3 Go, and revisions that become effective on a set date. */
@Injectable()
export class HandoverProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: RunningWorker | undefined;

  constructor(
    private readonly assemble: AssembleHandoverPackage,
    private readonly effectivity: RevisionEffectivity,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      queue: QueueName.Handover,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      concurrency: 2,
      handle: async (job) => {
        switch (job.name) {
          case 'assemble-package':
            return this.assemble.run(job.data.initiativeId, job.data.reviewId);
          case 'make-effective':
            return this.effectivity.runScheduled(job.data.revisionId);
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }
}
