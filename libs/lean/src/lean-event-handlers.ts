import { HANDOVER_ACCEPTED_EVENT } from '@ambidex/handover';
import { DomainEventDelivery } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ValueStreamOpening } from './value-stream-opening';

/** An accepted handover (with or without conditions) opens the value stream of the process it controls. */
@Injectable()
export class LeanEventHandlers implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly opening: ValueStreamOpening,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'lean.open-value-stream',
      eventTypes: [HANDOVER_ACCEPTED_EVENT],
      handle: async (event) => {
        await this.opening.openForPackage(event.payload.packageId);
      },
    });
  }
}
