import { GateEvents } from '@ambidex/gates';
import { DomainEventDelivery, QueueProducer } from '@ambidex/platform';
import { PackageDocuments, REVISION_EFFECTIVE_EVENT, TRAINING_ACKNOWLEDGED_EVENT } from '@ambidex/qms';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HandoverProgress } from './handover-progress';
import { HANDOVER_QUEUE } from './handover-job-types';

/** A G3 Go assembles a package (a job per review); effective revisions and acknowledged training move it to controlled. */
@Injectable()
export class HandoverEventHandlers implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly producer: QueueProducer,
    private readonly progress: HandoverProgress,
    private readonly documents: PackageDocuments,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'handover.assemble-package',
      eventTypes: [GateEvents.HandoverApproved],
      handle: async (event) => {
        const { initiativeId, reviewId } = event.payload;
        await this.producer.add(
          { queue: HANDOVER_QUEUE, name: 'assemble-package', data: { initiativeId, reviewId } },
          { jobId: `assemble-${reviewId}` },
        );
      },
    });
    this.delivery.register({
      name: 'handover.check-controlled',
      eventTypes: [REVISION_EFFECTIVE_EVENT, TRAINING_ACKNOWLEDGED_EVENT],
      handle: async (event) => {
        const packageId = await this.documents.packageOf(event.payload.documentId);
        if (packageId) await this.progress.checkControlled(packageId);
      },
    });
  }
}
