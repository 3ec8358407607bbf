import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../errors/domain-error';
import { OutboxEventEntity } from './outbox-event.entity';

/** A consumer of domain events. It must be idempotent: an event can arrive more than once. */
export interface DomainEventHandler {
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: OutboxEventEntity): Promise<void>;
}

/** Contexts register their handlers at module init; the worker's processor delivers through here. */
@Injectable()
export class DomainEventDelivery {
  private readonly logger = new Logger(DomainEventDelivery.name);
  private readonly handlers: DomainEventHandler[] = [];

  constructor(private readonly dataSource: DataSource) {}

  register(handler: DomainEventHandler): void {
    this.handlers.push(handler);
  }

  async deliver(eventId: string): Promise<'delivered' | 'already-processed'> {
    const event = await this.dataSource.getRepository(OutboxEventEntity).findOneBy({ id: eventId });
    if (event === null) throw new NotFoundError('PLATFORM.EVENT_NOT_FOUND', `Outbox event ${eventId}`);
    if (event.processedAt !== null) return 'already-processed';
    for (const handler of this.handlers.filter((h) => h.eventTypes.includes(event.eventType))) {
      await handler.handle(event);
      this.logger.debug(`${handler.name} handled ${event.eventType} ${event.id}`);
    }
    await this.dataSource.query(`UPDATE outbox_events SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`, [
      eventId,
    ]);
    return 'delivered';
  }
}
