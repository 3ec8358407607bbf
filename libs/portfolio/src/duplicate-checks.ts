import { InboxService } from '@ambidex/identity';
import { APP_CONFIG, AppConfig, JobIntent, JobOf, QueueProducer } from '@ambidex/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
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
import { DuplicateQuery } from './initiative-listing.query';
import { DuplicateCandidate, DuplicateCheck } from './initiative.views';
import { PORTFOLIO_QUEUE } from './portfolio-job-types';

/** How far back the sweep looks for new initiatives whose check was lost; older ones without a check are unchecked. */
export const DUPLICATE_SWEEP_WINDOW_DAYS = 7;

export interface StoredDuplicateCheck {
  /**
   * pending until the check of the current text has run (right after create or after a change of title or problem,
   * or soon after in the background); incomplete when even
   * the background search ran out of its budget; unchecked for initiatives created before checks were kept, or
   * whose check could not run for the whole sweep window.
   */
  status: 'pending' | 'complete' | 'incomplete' | 'unchecked';
  checkedAt: Date | null;
  candidates: DuplicateCandidate[];
}

/**
 * Possible duplicates of each initiative's text, found once per text and kept: after create, and again after each
 * change of title or problem (the text version, kept by the trigger on initiatives, tells them apart). The create and
 * the edit search inline within a short budget; should that fail, the job recorded with their event finishes the
 * search and puts the result in the owner's inbox. For one text version the first stored result wins, so a retried
 * job changes nothing; a result for a newer text replaces the stored one (the text change itself is in the audit trail,
 * and the earlier candidates can be found again from it).
 */
@Injectable()
export class DuplicateChecks {
  private readonly logger = new Logger(DuplicateChecks.name);

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
    return this.checkAfterChange(initiativeId, 1);
  }

  /** The same background check after the title or problem changed: one job per text version. */
  checkAfterChange(initiativeId: string, textVersion: number): JobIntent<JobOf<'check-duplicates'>> {
    return {
      ...checkJob(initiativeId),
      jobId: checkJobId(initiativeId, textVersion),
      options: { delay: this.config.duplicates.checkBudgetMs + 1000 },
    };
  }

  private queueCheck(initiativeId: string, textVersion: number): Promise<'added' | 'retried' | 'known'> {
    return this.producer.ensure(checkJob(initiativeId), checkJobId(initiativeId, textVersion), { delay: 0 });
  }

  /** Keeps a result unless one for this text version (or a later one) is stored already (then false). */
  async record(
    initiativeId: string,
    found: DuplicateCheck,
    source: DuplicateCheckSource,
    textVersion: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return insertDuplicateCheck(em, initiativeId, found, source, textVersion);
  }

  /**
   * The search while the creator or editor waits, within DUPLICATE_CHECK_BUDGET_MS, kept when it finished. Otherwise,
   * or when searching or keeping fails (the change is committed by now, so the request must still succeed), the job
   * recorded with the change searches again and keeps the result.
   */
  async checkInline(
    initiativeId: string,
    text: Pick<DuplicateQuery, 'title' | 'problem'>,
    source: Exclude<DuplicateCheckSource, 'background'>,
    textVersion: number,
  ): Promise<DuplicateCheck> {
    const budgetMs = this.config.duplicates.checkBudgetMs;
    if (budgetMs === 0) return { candidates: [], complete: false };
    const leaveToBackground = (error: unknown): null => {
      this.logger.warn(
        `duplicate check of ${initiativeId} failed at ${source}; the background check will run it: ${(error as Error).message}`,
      );
      return null;
    };
    const found = await this.queries
      .duplicates({ title: text.title, problem: text.problem, excludeId: initiativeId }, budgetMs)
      .catch(leaveToBackground);
    if (found === null) return { candidates: [], complete: false };
    if (found.complete) await this.record(initiativeId, found, source, textVersion).catch(leaveToBackground);
    return found;
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
      if (!(await this.record(initiativeId, found, 'background', initiative.textVersion, em))) return false;
      const count = found.candidates.length;
      if (count === 0) return true;
      await this.inbox.add(em, {
        userId: initiative.ownerId,
        kind: 'possible_duplicates',
        subjectType: 'initiative',
        subjectId: initiativeId,
        title: `“${initiative.title}” may duplicate ${count} existing initiative${count === 1 ? '' : 's'}, closest “${found.candidates[0]?.title ?? ''}”`,
        dedupeKey:
          initiative.textVersion === 1
            ? `duplicates:${initiativeId}`
            : `duplicates:${initiativeId}:${initiative.textVersion}`,
      });
      return true;
    });
    if (!stored) return { status: 'already-checked', candidates: 0 };
    return { status: found.complete ? 'checked' : 'incomplete', candidates: found.candidates.length };
  }

  /**
   * Queues again the check of recently created or edited initiatives whose current text has none: its job lost with a
   * Redis that restarted empty, or failed for good (the database was away through all its attempts). A job still
   * waiting or running is left alone.
   */
  async sweep(): Promise<{ requeued: number }> {
    let requeued = 0;
    for (const { id, textVersion } of await uncheckedRecentInitiatives(this.dataSource, DUPLICATE_SWEEP_WINDOW_DAYS))
      if ((await this.queueCheck(id, textVersion)) !== 'known') requeued += 1;
    return { requeued };
  }

  async get(initiativeId: string): Promise<StoredDuplicateCheck> {
    const row = await storedCheck(this.dataSource, initiativeId, DUPLICATE_SWEEP_WINDOW_DAYS);
    if (row === null) throw new InitiativeNotFoundError(initiativeId);
    if (row.complete === null || row.stale)
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
/** The first text keeps the id jobs had before edits were checked too. */
const checkJobId = (initiativeId: string, textVersion: number): string =>
  textVersion === 1 ? `duplicates-${initiativeId}` : `duplicates-${initiativeId}-v${textVersion}`;
