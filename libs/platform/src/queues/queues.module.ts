import { DynamicModule, Global, Module } from '@nestjs/common';
import { JobHandlers } from './job-handlers';
import { PRODUCER_REDIS, QueueProducer } from './queue-producer';
import { createRedisConnection } from './redis-connection';

export const REDIS_URL = Symbol('REDIS_URL');

@Global()
@Module({})
export class QueuesModule {
  /** redisUrl is resolved by the entry point (it may be a Redis it started itself). */
  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: QueuesModule,
      providers: [
        { provide: REDIS_URL, useValue: redisUrl },
        { provide: PRODUCER_REDIS, useFactory: () => createRedisConnection(redisUrl, 'producer') },
        QueueProducer,
        JobHandlers,
      ],
      exports: [REDIS_URL, PRODUCER_REDIS, QueueProducer, JobHandlers],
    };
  }
}
