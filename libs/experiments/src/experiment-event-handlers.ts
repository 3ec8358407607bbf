import { DomainEventDelivery, QueueProducer } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { BATCH_RECEIVED_EVENT } from './ingest.service';
import { INGEST_QUEUE } from './experiment-job-types';

/** A committed batch becomes one ingest job; its id is the batch's, so redelivery adds nothing. */
@Injectable()
export class ExperimentEventHandlers implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly producer: QueueProducer,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'experiments.enqueue-ingest',
      eventTypes: [BATCH_RECEIVED_EVENT],
      handle: async (event) => {
        const batchId = String(event.payload.batchId);
        await this.producer.add(
          { queue: INGEST_QUEUE, name: 'ingest-batch', data: { batchId } },
          { jobId: `ingest-${batchId}` },
        );
      },
    });
  }
}
