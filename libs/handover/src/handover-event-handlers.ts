import { GateEvents } from '@ambidex/gates';
import { DomainEventDelivery, QueueProducer } from '@ambidex/platform';
import { REVISION_EFFECTIVE_EVENT, TRAINING_ACKNOWLEDGED_EVENT } from '@ambidex/qms';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandoverProgress } from './handover-progress';
import { HANDOVER_QUEUE } from './handover-job-types';

/** A G3 Go assembles a package (a job per review); effective revisions and acknowledged training move it to controlled. */
@Injectable()
export class HandoverEventHandlers implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly producer: QueueProducer,
    private readonly progress: HandoverProgress,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'handover.assemble-package',
      eventTypes: [GateEvents.HandoverApproved],
      handle: async (event) => {
        const initiativeId = String(event.payload.initiativeId);
        const reviewId = String(event.payload.reviewId);
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
        const [doc] = (await this.dataSource.query(`SELECT package_id FROM controlled_documents WHERE id = $1`, [
          String(event.payload.documentId),
        ])) as {
          package_id: string | null;
        }[];
        if (doc?.package_id) await this.progress.checkControlled(doc.package_id);
      },
    });
  }
}
