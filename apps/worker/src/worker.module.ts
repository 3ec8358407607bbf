import { GatesModule } from '@ambidex/gates';
import { Module } from '@nestjs/common';
import { DomainEventsProcessor } from './domain-events.processor';
import { GatesProcessor } from './gates.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { OutboxRelayLoop } from './outbox-relay.loop';

/** The background side: queue processors and the outbox relay. Expects PlatformModule from the root. */
@Module({ imports: [GatesModule], providers: [OutboxRelayLoop, DomainEventsProcessor, GatesProcessor, MaintenanceProcessor] })
export class WorkerModule {}
