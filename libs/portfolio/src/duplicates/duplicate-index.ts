import { APP_CONFIG, AppConfig } from '@ambidex/platform';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { DUPLICATE_CANDIDATE_LIMIT, DUPLICATE_SIMILARITY_THRESHOLD, DuplicateQuery } from '../initiative-listing.query';
import { DuplicateCandidate } from '../initiative.views';
import {
  CATCH_UP_SQL,
  CatchUpRow,
  loadBatchSql,
  LOAD_SNAPSHOT_SQL,
  rankCandidates,
  scoreProposedSql,
} from './duplicate-index-sql';
import { IndexedText, TrigramIndex, TrigramIndexBuilder } from './trigram-index';

const LOAD_BATCH_ROWS = 10_000;
/** A proposed row can vanish (a deleted initiative) between proposal and scoring: search again, this often at most. */
const SEARCH_ATTEMPTS = 3;

/** Rebuild once the rows written since the load outnumber this: the overlay is scored row by row. */
export function rebuildThreshold(builtRows: number): number {
  return 2_000 + Math.floor(builtRows / 50);
}

/**
 * Possible duplicates from an in-memory trigram index of every initiative's texts (TrigramIndex): at a million
 * initiatives the GiST walk reads whole indexes (docs/query-plans.md), this reads only the query's trigram lists.
 *
 * Loaded in the background from one snapshot, when the API starts and in the worker at its first search; until then
 * search() answers null and the caller runs the SQL search. Each search first reads, in one statement, the texts
 * written since the last read (by any process), so a search sees every initiative committed before it, whichever
 * replica wrote it. The index only proposes: PostgreSQL scores the proposed rows with similarity() itself, so the
 * figures are pg_trgm's.
 */
@Injectable()
export class DuplicateIndex implements OnApplicationShutdown {
  private readonly logger = new Logger(DuplicateIndex.name);
  private index: TrigramIndex | null = null;
  private seenXmin = 0n;
  private loading: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.duplicates.index === 'memory';
  }

  /** Starts loading now rather than at the first search (the API, which searches on every create, does at start). */
  warmUp(): void {
    this.startLoading();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loading;
  }

  /** Initiatives in the index (0 before it is loaded). */
  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Resolves once the load under way, or one started now when none has loaded, has ended; for tests and benches. */
  async loaded(): Promise<boolean> {
    if (this.index === null) this.startLoading();
    await this.loading;
    return this.index !== null;
  }

  /** The closest candidates as the SQL search would answer them, or null while no index is loaded. */
  async search(query: DuplicateQuery): Promise<DuplicateCandidate[] | null> {
    const index = this.index;
    if (index === null) {
      this.startLoading();
      return null;
    }
    const limit = query.limit ?? DUPLICATE_CANDIDATE_LIMIT;
    for (let attempt = 1; ; attempt++) {
      const texts = await this.catchUp(index, query);
      const proposed = index.search(texts, limit, DUPLICATE_SIMILARITY_THRESHOLD, query.excludeId);
      if (proposed.length === 0) return [];
      const scoring = scoreProposedSql(
        proposed.map((match) => match.id),
        texts,
      );
      const scored = (await this.dataSource.query(scoring.sql, scoring.params)) as DuplicateCandidate[];
      const vanished = proposed.filter((match) => !scored.some((row) => row.id === match.id));
      if (vanished.length === 0 || attempt === SEARCH_ATTEMPTS) {
        return rankCandidates(scored, DUPLICATE_SIMILARITY_THRESHOLD, limit);
      }
      for (const match of vanished) index.remove(match.id);
    }
  }

  /** Applies the writes since the last read and answers the query's texts normalised (only those given). */
  private async catchUp(index: TrigramIndex, query: DuplicateQuery): Promise<{ title?: string; problem?: string }> {
    const given = (text: string | undefined): string | null => ((text?.trim() ?? '') === '' ? null : text!);
    const rows = (await this.dataSource.query(CATCH_UP_SQL, [
      this.seenXmin.toString(),
      given(query.title),
      given(query.problem),
    ])) as CatchUpRow[];
    for (const row of rows) if (row.id !== null) index.upsert(row as IndexedText);
    const first = rows[0]!;
    // A load that swapped the index in meanwhile set its own, older, xmin: keep that one.
    if (this.index === index && BigInt(first.xmin) > this.seenXmin) this.seenXmin = BigInt(first.xmin);
    if (index.overlayRows > rebuildThreshold(index.builtRows)) this.startLoading();
    return {
      ...(first.titleNorm === null ? {} : { title: first.titleNorm }),
      ...(first.problemNorm === null ? {} : { problem: first.problemNorm }),
    };
  }

  private startLoading(): void {
    if (!this.enabled || this.loading !== null || this.stopping) return;
    this.loading = this.load()
      .catch((error: unknown) => {
        if (!this.stopping)
          this.logger.warn(`duplicate index not loaded; searching with SQL: ${(error as Error).message}`);
      })
      .finally(() => {
        this.loading = null;
      });
  }

  /** Two passes over one snapshot: count every text's trigrams, then fill lists allocated at their exact size. */
  private async load(): Promise<void> {
    const started = Date.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const [{ xmin }] = (await runner.query(LOAD_SNAPSHOT_SQL)) as [{ xmin: string }];
      const builder = new TrigramIndexBuilder();
      if (!(await this.eachText(runner, (text) => builder.count(text)))) return;
      if (!(await this.eachText(runner, (text) => builder.fill(text)))) return;
      await runner.commitTransaction();
      this.index = builder.finish();
      this.seenXmin = BigInt(xmin);
      this.logger.log(`duplicate index loaded: ${this.index.builtRows} initiatives in ${Date.now() - started} ms`);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** Every text in id order, in batches; false when the process began stopping meanwhile. */
  private async eachText(runner: QueryRunner, visit: (text: IndexedText) => void): Promise<boolean> {
    let after: string | null = null;
    for (;;) {
      if (this.stopping) return false;
      const params = after === null ? [LOAD_BATCH_ROWS] : [LOAD_BATCH_ROWS, after];
      const batch = (await runner.query(loadBatchSql(after), params)) as IndexedText[];
      for (const text of batch) visit(text);
      if (batch.length < LOAD_BATCH_ROWS) return true;
      after = batch[batch.length - 1]!.id;
    }
  }
}
