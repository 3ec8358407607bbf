import {
  APP_CONFIG,
  AppConfig,
  DomainEventDelivery,
  DomainEventHandler,
  OutboxEventEntity,
  QueueProducer,
} from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { queueSendMail } from './mail-jobs';
import { MAIL_PENDING_EVENT } from './mail-outbox';

/**
 * Queues the send job of a committed delivery. Idempotent: the job id is the delivery id, so a re-delivered event
 * queues nothing new while the job is in Redis, and the job itself does nothing once its delivery is sent.
 */
@Injectable()
export class MailPendingHandler implements DomainEventHandler, OnModuleInit {
  readonly name = 'identity.mail-pending';
  readonly eventTypes = [MAIL_PENDING_EVENT];

  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly producer: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.delivery.register(this);
  }

  async handle(event: OutboxEventEntity): Promise<void> {
    const deliveryId = event.payload.deliveryId;
    if (typeof deliveryId === 'string') await queueSendMail(this.producer, this.config, [deliveryId]);
  }
}
