import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { QueueProducer } from '../queues/queue-producer';

/** One Prometheus registry per process; /metrics renders it. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'ambidex_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'ambidex_job_duration_seconds',
    help: 'BullMQ job processing time by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'ambidex_outbox_published_total',
    help: 'Outbox events published to the queue',
    registers: [this.registry],
  });

  constructor(producer: QueueProducer, dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'ambidex_queue_jobs',
      help: 'Jobs per queue and state, read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        for (const queue of producer.allQueues()) {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
        }
      },
    });
    new Gauge({
      name: 'ambidex_outbox_dead_letters',
      help: 'Outbox events set aside after too many failed deliveries, waiting for an admin to retry them',
      registers: [this.registry],
      async collect() {
        const [row] = await queryRows<{ n: number }>(
          dataSource,
          `SELECT count(*)::int AS n FROM outbox_events WHERE dead_at IS NOT NULL`,
        );
        this.set(row?.n ?? 0);
      },
    });
  }
}
