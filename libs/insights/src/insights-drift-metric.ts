import { Metrics, queryRows } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * ambidex_insights_read_model_drift_rows{portfolio}: the rows the last safety check found different between the
 * incremental read model and a full recompute (0 when consistent), read from the state rows at scrape time.
 */
@Injectable()
export class InsightsDriftMetric implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const dataSource = this.dataSource;
    new Gauge({
      name: 'ambidex_insights_read_model_drift_rows',
      help: 'Read-model rows the last nightly check found different from a full recompute, per portfolio (repaired since)',
      labelNames: ['portfolio'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const rows = await queryRows<{ portfolio_id: string; drift_rows: number }>(
          dataSource,
          `SELECT portfolio_id, drift_rows FROM insights_portfolio_state WHERE drift_rows IS NOT NULL`,
        );
        for (const row of rows) this.set({ portfolio: row.portfolio_id }, row.drift_rows);
      },
    });
  }
}
