import { DomainEventDelivery, OutboxEventEntity } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { GateEvents } from './gate-events';
import { ReviewScheduler } from './review-scheduler';

/** Turns committed gate events into gate jobs; job ids are deterministic, so redelivery adds nothing. */
@Injectable()
export class GateEventHandlers implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly scheduler: ReviewScheduler,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'gates.enqueue-review-jobs',
      eventTypes: [GateEvents.ReviewRequested, GateEvents.ScorecardsComplete],
      handle: (event: OutboxEventEntity) => {
        const reviewId = String(event.payload.reviewId);
        return event.eventType === GateEvents.ReviewRequested
          ? this.scheduler.enqueuePrepare(reviewId)
          : this.scheduler.enqueueOutcome(reviewId);
      },
    });
  }
}
