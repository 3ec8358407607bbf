import { InboxService } from '@ambidex/identity';
import { APP_CONFIG, AppConfig, DomainEventDelivery, QueueProducer } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InitiativeNotFoundError } from './domain/portfolio.errors';
import { DuplicateCheckSource } from './duplicate-check.entity';
import { InitiativeQueries } from './initiative-queries';
import { INITIATIVE_CREATED_EVENT } from './initiative-events';
import { DuplicateCandidate, DuplicateCheck } from './initiative.views';
import { PORTFOLIO_QUEUE } from './portfolio-job-types';

/** How far back the sweep looks for new initiatives whose check was lost; older ones without a check are unchecked. */
export const DUPLICATE_SWEEP_WINDOW_DAYS = 7;

export interface StoredDuplicateCheck {
  /**
   * pending until the check has run (right after create, or soon after in the background); incomplete when even
   * the background search ran out of its budget; unchecked for initiatives created before checks were kept, or
   * whose check could not run for the whole sweep window.
   */
  status: 'pending' | 'complete' | 'incomplete' | 'unchecked';
  checkedAt: Date | null;
  candidates: DuplicateCandidate[];
}

/**
 * Possible duplicates of each new initiative, found once and kept. The create waits a short budget for them; when
 * that is not enough (large portfolios), the job that follows the created event finishes the search and puts the
 * result in the owner's inbox. Either way the first stored result wins, so a retried job changes nothing.
 */
@Injectable()
export class DuplicateChecks implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: InitiativeQueries,
    private readonly inbox: InboxService,
    private readonly delivery: DomainEventDelivery,
    private readonly producer: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'portfolio.check-duplicates',
      eventTypes: [INITIATIVE_CREATED_EVENT],
      // Delayed past the create's own budget, so the job does not search while the create still does.
      handle: async (event) => {
        await this.queueCheck(String(event.payload.initiativeId), this.config.duplicates.checkBudgetMs + 1000);
      },
    });
  }

  private queueCheck(initiativeId: string, delay = 0): Promise<'added' | 'retried' | 'known'> {
    return this.producer.ensure(
      { queue: PORTFOLIO_QUEUE, name: 'check-duplicates', data: { initiativeId } },
      `duplicates-${initiativeId}`,
      { delay },
    );
  }

  /** Keeps a result unless one is stored already (then false): the first result wins. */
  async record(
    initiativeId: string,
    found: DuplicateCheck,
    source: DuplicateCheckSource,
    em: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const inserted = (await em.query(
      `INSERT INTO initiative_duplicate_checks (initiative_id, candidates, complete, source) VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (initiative_id) DO NOTHING RETURNING initiative_id`,
      [initiativeId, JSON.stringify(found.candidates), found.complete, source],
    )) as unknown[];
    return inserted.length === 1;
  }

  /**
   * The background check: nothing to do when a result is stored; otherwise search without hurry, store, tell the
   * owner. A search that runs out of even this budget is stored as incomplete: running it again would cost as much.
   */
  async runInBackground(
    initiativeId: string,
  ): Promise<{ status: 'already-checked' | 'checked' | 'incomplete'; candidates: number }> {
    const [initiative] = (await this.dataSource.query(
      `SELECT i.title, i.problem, i.owner_id, (c.initiative_id IS NOT NULL) AS checked
         FROM initiatives i LEFT JOIN initiative_duplicate_checks c ON c.initiative_id = i.id WHERE i.id = $1`,
      [initiativeId],
    )) as { title: string; problem: string; owner_id: string; checked: boolean }[];
    if (initiative === undefined) throw new InitiativeNotFoundError(initiativeId);
    if (initiative.checked) return { status: 'already-checked', candidates: 0 };

    const found = await this.queries.duplicates(
      { title: initiative.title, problem: initiative.problem, excludeId: initiativeId },
      this.config.duplicates.backgroundBudgetMs,
    );
    const stored = await this.dataSource.transaction(async (em) => {
      if (!(await this.record(initiativeId, found, 'background', em))) return false;
      const count = found.candidates.length;
      if (count === 0) return true;
      await this.inbox.add(em, {
        userId: initiative.owner_id,
        kind: 'possible_duplicates',
        subjectType: 'initiative',
        subjectId: initiativeId,
        title: `“${initiative.title}” may duplicate ${count} existing initiative${count === 1 ? '' : 's'}, closest “${found.candidates[0]?.title ?? ''}”`,
        dedupeKey: `duplicates:${initiativeId}`,
      });
      return true;
    });
    if (!stored) return { status: 'already-checked', candidates: 0 };
    return { status: found.complete ? 'checked' : 'incomplete', candidates: found.candidates.length };
  }

  /**
   * Queues again the check of recent initiatives that have none: its job lost with a Redis that restarted empty, or
   * failed for good (the database was away through all its attempts). A job still waiting or running is left alone.
   */
  async sweep(): Promise<{ requeued: number }> {
    const rows = (await this.dataSource.query(
      `SELECT i.id FROM initiatives i
        WHERE i.created_at > now() - make_interval(days => $1) AND i.created_at < now() - interval '5 minutes'
          AND NOT EXISTS (SELECT 1 FROM initiative_duplicate_checks c WHERE c.initiative_id = i.id)
        ORDER BY i.created_at LIMIT 1000`,
      [DUPLICATE_SWEEP_WINDOW_DAYS],
    )) as { id: string }[];
    let requeued = 0;
    for (const { id } of rows) if ((await this.queueCheck(id)) !== 'known') requeued += 1;
    return { requeued };
  }

  async get(initiativeId: string): Promise<StoredDuplicateCheck> {
    const [row] = (await this.dataSource.query(
      `SELECT i.created_at < now() - make_interval(days => $2) AS past_window, c.complete, c.checked_at, c.candidates
         FROM initiatives i LEFT JOIN initiative_duplicate_checks c ON c.initiative_id = i.id WHERE i.id = $1`,
      [initiativeId, DUPLICATE_SWEEP_WINDOW_DAYS],
    )) as {
      past_window: boolean;
      complete: boolean | null;
      checked_at: Date | null;
      candidates: DuplicateCandidate[] | null;
    }[];
    if (row === undefined) throw new InitiativeNotFoundError(initiativeId);
    if (row.complete === null)
      return { status: row.past_window ? 'unchecked' : 'pending', checkedAt: null, candidates: [] };
    return {
      status: row.complete ? 'complete' : 'incomplete',
      checkedAt: row.checked_at,
      candidates: row.candidates ?? [],
    };
  }
}
