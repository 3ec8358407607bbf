import { InboxService } from '@ambidex/identity';
import { APP_CONFIG, AppConfig, JobIntent, JobOf, QueueProducer } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InitiativeNotFoundError } from './domain/portfolio.errors';
import { DuplicateCheckSource } from './duplicate-check.entity';
import {
  duplicateSubject,
  insertDuplicateCheck,
  storedCheck,
  uncheckedRecentInitiatives,
} from './duplicate-check-rows';
import { InitiativeQueries } from './initiative-queries';
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
 * that is not enough (large portfolios), the job recorded with the created event finishes the search and puts the
 * result in the owner's inbox. Either way the first stored result wins, so a retried job changes nothing.
 */
@Injectable()
export class DuplicateChecks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: InitiativeQueries,
    private readonly inbox: InboxService,
    private readonly producer: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The background check, recorded with the created event. Delayed past the create's own budget, so the job does not
   * search while the create still does.
   */
  checkAfterCreate(initiativeId: string): JobIntent<JobOf<'check-duplicates'>> {
    return {
      ...checkJob(initiativeId),
      jobId: checkJobId(initiativeId),
      options: { delay: this.config.duplicates.checkBudgetMs + 1000 },
    };
  }

  private queueCheck(initiativeId: string): Promise<'added' | 'retried' | 'known'> {
    return this.producer.ensure(checkJob(initiativeId), checkJobId(initiativeId), { delay: 0 });
  }

  /** Keeps a result unless one is stored already (then false): the first result wins. */
  async record(
    initiativeId: string,
    found: DuplicateCheck,
    source: DuplicateCheckSource,
    em: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return insertDuplicateCheck(em, initiativeId, found, source);
  }

  /**
   * The background check: nothing to do when a result is stored; otherwise search without hurry, store, tell the
   * owner. A search that runs out of even this budget is stored as incomplete: running it again would cost as much.
   */
  async runInBackground(
    initiativeId: string,
  ): Promise<{ status: 'already-checked' | 'checked' | 'incomplete'; candidates: number }> {
    const initiative = await duplicateSubject(this.dataSource, initiativeId);
    if (initiative === null) throw new InitiativeNotFoundError(initiativeId);
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
        userId: initiative.ownerId,
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
    let requeued = 0;
    for (const id of await uncheckedRecentInitiatives(this.dataSource, DUPLICATE_SWEEP_WINDOW_DAYS))
      if ((await this.queueCheck(id)) !== 'known') requeued += 1;
    return { requeued };
  }

  async get(initiativeId: string): Promise<StoredDuplicateCheck> {
    const row = await storedCheck(this.dataSource, initiativeId, DUPLICATE_SWEEP_WINDOW_DAYS);
    if (row === null) throw new InitiativeNotFoundError(initiativeId);
    if (row.complete === null)
      return { status: row.pastWindow ? 'unchecked' : 'pending', checkedAt: null, candidates: [] };
    return {
      status: row.complete ? 'complete' : 'incomplete',
      checkedAt: row.checkedAt,
      candidates: row.candidates ?? [],
    };
  }
}

const checkJob = (initiativeId: string): JobOf<'check-duplicates'> => ({
  queue: PORTFOLIO_QUEUE,
  name: 'check-duplicates',
  data: { initiativeId },
});
const checkJobId = (initiativeId: string): string => `duplicates-${initiativeId}`;
