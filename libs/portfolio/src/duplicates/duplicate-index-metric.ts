import { Metrics } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DuplicateIndex } from './duplicate-index';

/**
 * ambidex_duplicate_index_initiatives: the initiatives this process's in-memory duplicate index holds, 0 while it is
 * not loaded (searches then run in SQL and may leave the check to the background job). Read at scrape time.
 */
@Injectable()
export class DuplicateIndexMetric implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly index: DuplicateIndex,
  ) {}

  onModuleInit(): void {
    const index = this.index;
    new Gauge({
      name: 'ambidex_duplicate_index_initiatives',
      help: 'Initiatives in the in-memory duplicate index of this process (0 while not loaded: duplicates are searched in SQL)',
      registers: [this.metrics.registry],
      collect() {
        this.set(index.size);
      },
    });
  }
}
