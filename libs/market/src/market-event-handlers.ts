import { HANDOVER_ACCEPTED_EVENT } from '@ambidex/handover';
import { DomainEventDelivery } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ProductRegistration } from './product-registration';

/** An accepted handover puts the product on the market: registered, its post-launch reviews scheduled. */
@Injectable()
export class MarketEventHandlers implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly registration: ProductRegistration,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'market.register-product',
      eventTypes: [HANDOVER_ACCEPTED_EVENT],
      handle: async (event) => {
        const { initiativeId, packageId } = event.payload;
        // The event's own time, so a late or repeated delivery schedules the reviews from the acceptance.
        await this.registration.handoverAccepted(initiativeId, packageId, new Date(event.occurredAt));
      },
    });
  }
}
