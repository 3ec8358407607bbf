import { queryRows } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CsvColumn, csvHeader, csvLine, toCsv } from './domain/csv';
import { UnknownMetricError } from './domain/insights.errors';
import { CYCLE_STAGES } from './domain/measures';
import {
  balanceOf,
  BalanceRow,
  cycleTimeRow,
  CycleTimeRow,
  funnelOf,
  FunnelRow,
  gatesOf,
  GateRow,
} from './domain/metrics';
import { InsightsQueries, initiativesQuery } from './insights-queries';
import { BubbleRow, EcvRankingRow, OverviewFilters, ZombieRow } from './insights.views';

export const EXPORT_METRICS = [
  'funnel',
  'gates',
  'cycle-times',
  'balance',
  'ecv-ranking',
  'bubbles',
  'zombies',
  'initiatives',
] as const;
export type ExportMetric = (typeof EXPORT_METRICS)[number];

export interface CsvExport {
  filename: string;
  /** Small exports are built whole; the initiatives export streams in pages from a cursor. */
  body: string | AsyncIterable<string>;
}

/** The zombie export lists every overdue review, not only the overview's first 100. */
const ZOMBIES_EXPORT_LIMIT = 100_000;
const EXPORT_PAGE = 5_000;

const FUNNEL: CsvColumn<FunnelRow>[] = [
  { header: 'stage', kind: 'value', value: (r) => r.stage },
  { header: 'current', kind: 'value', value: (r) => r.current },
  { header: 'inflow', kind: 'value', value: (r) => r.inflow },
  { header: 'outflow', kind: 'value', value: (r) => r.outflow },
];
const GATES: CsvColumn<GateRow>[] = [
  { header: 'gate', kind: 'value', value: (r) => r.gate },
  { header: 'decisions', kind: 'value', value: (r) => r.decisions },
  { header: 'go', kind: 'value', value: (r) => r.go },
  { header: 'conditional_go', kind: 'value', value: (r) => r.conditionalGo },
  { header: 'kill', kind: 'value', value: (r) => r.kill },
  { header: 'hold', kind: 'value', value: (r) => r.hold },
  { header: 'recycle', kind: 'value', value: (r) => r.recycle },
  { header: 'conversion_rate', kind: 'value', value: (r) => r.conversionRate },
  { header: 'kill_rate', kind: 'value', value: (r) => r.killRate },
  { header: 'recycle_rate', kind: 'value', value: (r) => r.recycleRate },
  { header: 'hold_rate', kind: 'value', value: (r) => r.holdRate },
];
const CYCLE_TIMES: CsvColumn<CycleTimeRow>[] = [
  { header: 'stage', kind: 'value', value: (r) => r.stage },
  { header: 'median_days', kind: 'value', value: (r) => r.medianDays },
  { header: 'p85_days', kind: 'value', value: (r) => r.p85Days },
  { header: 'samples', kind: 'value', value: (r) => r.samples },
];
type BalanceLine = BalanceRow & { dimension: 'ambition' | 'horizon' };
const BALANCE: CsvColumn<BalanceLine>[] = [
  { header: 'dimension', kind: 'value', value: (r) => r.dimension },
  { header: 'bucket', kind: 'value', value: (r) => r.bucket },
  { header: 'count', kind: 'value', value: (r) => r.count },
  { header: 'share', kind: 'value', value: (r) => r.share },
  { header: 'target', kind: 'value', value: (r) => r.target },
];
const ECV_RANKING: CsvColumn<EcvRankingRow & { rank: number }>[] = [
  { header: 'rank', kind: 'value', value: (r) => r.rank },
  { header: 'initiative_id', kind: 'value', value: (r) => r.initiativeId },
  { header: 'title', kind: 'text', value: (r) => r.title },
  { header: 'ecv', kind: 'value', value: (r) => r.ecv },
  { header: 'stage', kind: 'value', value: (r) => r.stage },
  { header: 'status', kind: 'value', value: (r) => r.status },
];
const BUBBLES: CsvColumn<BubbleRow>[] = [
  { header: 'initiative_id', kind: 'value', value: (r) => r.initiativeId },
  { header: 'title', kind: 'text', value: (r) => r.title },
  { header: 'probability', kind: 'value', value: (r) => r.probability },
  { header: 'ecv', kind: 'value', value: (r) => r.ecv },
  { header: 'remaining_cost', kind: 'value', value: (r) => r.remainingCost },
  { header: 'ambition', kind: 'value', value: (r) => r.ambition },
];
const ZOMBIES: CsvColumn<ZombieRow>[] = [
  { header: 'review_id', kind: 'value', value: (r) => r.reviewId },
  { header: 'initiative_id', kind: 'value', value: (r) => r.initiativeId },
  { header: 'title', kind: 'text', value: (r) => r.title },
  { header: 'gate', kind: 'value', value: (r) => r.gate },
  { header: 'deadline_at', kind: 'value', value: (r) => r.deadlineAt },
];
/** A row of the initiatives cursor as PostgreSQL returns it: its column names are the CSV headers, so no mapper. */
type InitiativeLine = Record<string, string | null>;
const INITIATIVES: CsvColumn<InitiativeLine>[] = [
  'id',
  'title',
  'stage',
  'status',
  'ambition',
  'horizon',
  'owner_id',
  'ecv',
  'probability',
  'remaining_cost',
  'learning_velocity',
  'cost_per_learning',
].map((header) => ({
  header,
  kind: header === 'title' ? ('text' as const) : ('value' as const),
  value: (r: InitiativeLine) => r[header] ?? null,
}));

/** Each metric as CSV, with the overview's filters; the initiatives export is the portfolio's initiatives. */
@Injectable()
export class InsightsExports {
  constructor(
    private readonly queries: InsightsQueries,
    private readonly dataSource: DataSource,
  ) {}

  async export(portfolioId: string, metric: string, filters: OverviewFilters): Promise<CsvExport> {
    if (!(EXPORT_METRICS as readonly string[]).includes(metric)) throw new UnknownMetricError(metric, EXPORT_METRICS);
    const m = metric as ExportMetric;
    if (m === 'initiatives') {
      // Fails here (404, never refreshed → refreshed now) before the response starts streaming.
      const name = await this.queries.inSnapshot(portfolioId, async (_q, head) => head.name);
      return { filename: filenameOf(name, m), body: this.streamInitiatives(portfolioId, filters) };
    }
    return this.queries.inSnapshot(portfolioId, async (q, head) => {
      const filename = filenameOf(head.name, m);
      switch (m) {
        case 'funnel':
          return {
            filename,
            body: toCsv(FUNNEL, funnelOf(await this.queries.seriesCounts(q, portfolioId, filters, head))),
          };
        case 'gates':
          return {
            filename,
            body: toCsv(GATES, gatesOf(await this.queries.seriesCounts(q, portfolioId, filters, head))),
          };
        case 'balance': {
          const balance = balanceOf(await this.queries.seriesCounts(q, portfolioId, filters, head), {
            ambition: head.ambitionTargets,
            horizon: head.horizonTargets,
          });
          const lines: BalanceLine[] = [
            ...balance.ambition.map((r) => ({ ...r, dimension: 'ambition' as const })),
            ...balance.horizon.map((r) => ({ ...r, dimension: 'horizon' as const })),
          ];
          return { filename, body: toCsv(BALANCE, lines) };
        }
        case 'cycle-times': {
          const durations = await this.queries.durations(q, portfolioId, filters, head);
          return {
            filename,
            body: toCsv(
              CYCLE_TIMES,
              CYCLE_STAGES.map((stage) => cycleTimeRow(stage, durations[stage])),
            ),
          };
        }
        case 'ecv-ranking':
          return {
            filename,
            body: toCsv(
              ECV_RANKING,
              (await this.queries.ecvRanking(q, portfolioId, filters)).map((r, i) => ({ ...r, rank: i + 1 })),
            ),
          };
        case 'bubbles':
          return { filename, body: toCsv(BUBBLES, await this.queries.bubbles(q, portfolioId, filters)) };
        case 'zombies':
          return {
            filename,
            body: toCsv(ZOMBIES, await this.queries.zombies(q, portfolioId, filters, ZOMBIES_EXPORT_LIMIT)),
          };
      }
    });
  }

  /** Every initiative matching the filters, from one snapshot through a cursor, a page at a time. */
  private async *streamInitiatives(portfolioId: string, filters: OverviewFilters): AsyncGenerator<string> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let open = false;
    try {
      await runner.query(`START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      open = true;
      const { sql, params } = initiativesQuery(portfolioId, { period: filters.period, ...dims(filters) }, [
        'initiative_id AS id',
        'title',
        'stage',
        'status',
        'ambition',
        'horizon',
        'owner_id',
        'ecv',
        'probability',
        'remaining_cost',
        'learning_velocity',
        'cost_per_learning',
      ]);
      await runner.query(`DECLARE insights_export NO SCROLL CURSOR FOR ${sql}`, params);
      yield csvHeader(INITIATIVES);
      for (;;) {
        const rows = await queryRows<InitiativeLine>(runner, `FETCH ${EXPORT_PAGE} FROM insights_export`);
        if (rows.length === 0) break;
        yield rows.map((row) => csvLine(INITIATIVES, row)).join('');
      }
      await runner.query(`COMMIT`);
      open = false;
    } finally {
      if (open) await runner.query(`ROLLBACK`).catch(() => undefined);
      await runner.release();
    }
  }
}

function dims(filters: OverviewFilters): { ambition?: string; horizon?: string; ownerId?: string } {
  return {
    ...(filters.ambition === undefined ? {} : { ambition: filters.ambition }),
    ...(filters.horizon === undefined ? {} : { horizon: filters.horizon }),
    ...(filters.ownerId === undefined ? {} : { ownerId: filters.ownerId }),
  };
}

function filenameOf(portfolioName: string, metric: ExportMetric): string {
  const slug =
    portfolioName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'portfolio';
  return `${slug}-${metric}.csv`;
}
