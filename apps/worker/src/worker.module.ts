import { Module } from '@nestjs/common';
import { DomainEventsProcessor } from './domain-events.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { OutboxRelayLoop } from './outbox-relay.loop';

/** The background side: queue processors and the outbox relay. Expects PlatformModule from the root. */
@Module({ providers: [OutboxRelayLoop, DomainEventsProcessor, MaintenanceProcessor] })
export class WorkerModule {}
