import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError, NotFoundError } from '../errors/domain-error';
import { DeliveredEvent, DomainEventType } from './domain-events';
import { countFailedAttempt, failureMessage } from './failed-attempts';
import { OutboxEventEntity } from './outbox-event.entity';

/** A consumer of domain events, typed by the events it takes. It must be idempotent: an event can arrive more than once. */
export interface DomainEventHandler<T extends DomainEventType = DomainEventType> {
  readonly name: string;
  readonly eventTypes: readonly T[];
  handle(event: DeliveredEvent<T>): Promise<void>;
}

/** Thrown when a delivery failure was the last one allowed: a domain error, so BullMQ stops retrying the job. */
export class DeadLetterError extends DomainError {
  constructor(eventId: string, attempts: number, cause: string) {
    super(
      'PLATFORM.EVENT_DEAD',
      'unavailable',
      `Outbox event ${eventId} failed ${attempts} times and is now a dead letter: ${cause}`,
    );
  }
}

/** Contexts register their handlers at module init; the worker host runs the deliver-event jobs through here. */
@Injectable()
export class DomainEventDelivery {
  private readonly logger = new Logger(DomainEventDelivery.name);
  private readonly handlers: {
    eventTypes: readonly string[];
    name: string;
    handle(event: OutboxEventEntity): Promise<void>;
  }[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register<T extends DomainEventType>(handler: DomainEventHandler<T>): void {
    // The stored payload is the one its type declares: the emitters are typed against the same map.
    this.handlers.push({
      name: handler.name,
      eventTypes: handler.eventTypes,
      handle: (event) => handler.handle(event as unknown as DeliveredEvent<T>),
    });
  }

  async deliver(eventId: string): Promise<'delivered' | 'already-processed' | 'dead'> {
    const event = await this.dataSource.getRepository(OutboxEventEntity).findOneBy({ id: eventId });
    if (event === null) throw new NotFoundError('PLATFORM.EVENT_NOT_FOUND', `Outbox event ${eventId}`);
    if (event.processedAt !== null) return 'already-processed';
    if (event.deadAt !== null) return 'dead';
    try {
      for (const handler of this.handlers.filter((h) => h.eventTypes.includes(event.eventType))) {
        await handler.handle(event);
        this.logger.debug(`${handler.name} handled ${event.eventType} ${event.id}`);
      }
    } catch (error) {
      throw await this.recordFailure(eventId, error);
    }
    await this.dataSource.query(
      `UPDATE outbox_events SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`,
      [eventId],
    );
    return 'delivered';
  }

  /**
   * Counts the failure on the row (whatever kind: a domain error and a database blip both count toward the cap) and
   * marks the event dead at the cap. Returns what the job should fail with. When the count itself cannot be written
   * (the database is down), the original error goes on uncounted and BullMQ or the sweep tries again.
   */
  private async recordFailure(eventId: string, error: unknown): Promise<unknown> {
    const message = failureMessage(error);
    try {
      const row = await countFailedAttempt(this.dataSource, eventId, message, this.config.queues.outboxMaxAttempts);
      if (row?.deadAt != null) {
        this.logger.error(
          `outbox event ${eventId} is a dead letter after ${row.failedAttempts} failed deliveries: ${message}`,
        );
        return new DeadLetterError(eventId, row.failedAttempts, message);
      }
    } catch (countError) {
      this.logger.warn(`could not count the failed delivery of ${eventId}: ${(countError as Error).message}`);
    }
    return error;
  }
}
