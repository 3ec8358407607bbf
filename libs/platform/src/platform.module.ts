import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditCheckpointer } from './audit/audit-checkpointer';
import { AuditTrail } from './audit/audit-trail';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EntityList } from './database/data-source-options';
import { HealthService } from './health/health.service';
import { Metrics } from './metrics/metrics';
import { DeadLetters } from './outbox/dead-letters';
import { DomainEventDelivery } from './outbox/domain-event-delivery';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';
import { PlatformJobs } from './queues/platform-jobs';
import { QueuesModule } from './queues/queues.module';

export interface PlatformOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Embedded PGlite only: the role every connection switches to (see DatabaseModule). */
  databaseRole?: string;
  redisUrl: string;
  entities: EntityList;
}

const SHARED = [
  AuditTrail,
  AuditCheckpointer,
  Outbox,
  OutboxRelay,
  DomainEventDelivery,
  DeadLetters,
  HealthService,
  Metrics,
];

/** Config, database, queues, audit trail, outbox, health and metrics: what every app needs. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(options.config),
        DatabaseModule.forRoot(options.databaseUrl, options.entities, options.databaseRole),
        QueuesModule.forRoot(options.redisUrl),
      ],
      providers: [...SHARED, PlatformJobs],
      exports: [...SHARED, ConfigModule, DatabaseModule, QueuesModule],
    };
  }
}
