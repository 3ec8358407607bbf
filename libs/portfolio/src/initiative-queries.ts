import { ReadSource } from '@ambidex/platform';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, InitiativeSort, SortDirection } from './domain/listing-cursor';
import { InitiativeNotFoundError, PortfolioInputError } from './domain/portfolio.errors';
import { DuplicateIndex } from './duplicates/duplicate-index';
import { deliverablesOf } from './domain/process-model-input';
import { InitiativeDeliverableEntity } from './initiative-deliverable.entity';
import {
  buildDuplicatesQuery,
  buildListingQuery,
  duplicateCheckSettings,
  DuplicateQuery,
  InitiativeFilters,
} from './initiative-listing.query';
import { InitiativeEntity } from './initiative.entity';
import {
  DeliverableView,
  DuplicateCandidate,
  DuplicateCheck,
  InitiativeSummary,
  InitiativeView,
  originOf,
  StageEventView,
  SummaryRow,
  summaryOf,
} from './initiative.views';
import { ProcessModelEntity } from './process-model.entity';
import { sqlState } from './pg-error';
import { StageEventEntity } from './stage-event.entity';

const QUERY_CANCELED = '57014';

export interface InitiativePageQuery {
  filters: InitiativeFilters;
  sort: InitiativeSort;
  direction: SortDirection;
  limit: number;
  /** Opaque, from the previous page's nextCursor. */
  cursor?: string;
}

export interface InitiativePage {
  items: InitiativeSummary[];
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Reading initiatives: the listing, one initiative with its deliverables and history, and duplicate detection. */
@Injectable()
export class InitiativeQueries {
  private readonly logger = new Logger(InitiativeQueries.name);

  /**
   * The listing (and its text search) reads the replica when there is one; one initiative and the duplicate check
   * read the primary: a write answers with, and a create is checked against, what was just committed.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: ReadSource,
    private readonly duplicateIndex: DuplicateIndex,
  ) {}

  async list(query: InitiativePageQuery): Promise<InitiativePage> {
    let cursor;
    if (query.cursor !== undefined) {
      cursor = decodeCursor(query.cursor) ?? undefined;
      if (cursor === undefined) throw new PortfolioInputError('cursor', 'is not a cursor this API issued');
      if (cursor.sort !== query.sort || cursor.direction !== query.direction) {
        throw new PortfolioInputError(
          'cursor',
          `belongs to sort ${cursor.sort} ${cursor.direction}; ask again from the first page`,
        );
      }
    }
    const { sql, params } = buildListingQuery({ ...query, cursor });
    const rows = (await this.reads.get().query(sql, params)) as (SummaryRow & { sortValue: string })[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > query.limit && last !== undefined
        ? encodeCursor({ sort: query.sort, direction: query.direction, value: last.sortValue, id: last.id })
        : null;
    return { items: page.map(summaryOf), nextCursor };
  }

  async get(id: string): Promise<InitiativeView> {
    const em = this.dataSource.manager;
    const initiative = await em.findOneBy(InitiativeEntity, { id });
    if (initiative === null) throw new InitiativeNotFoundError(id);
    const [model, deliverables, history] = await Promise.all([
      em.findOneByOrFail(ProcessModelEntity, { id: initiative.processModelId }),
      em.find(InitiativeDeliverableEntity, { where: { initiativeId: id } }),
      em.find(StageEventEntity, { where: { initiativeId: id }, order: { seq: 'ASC' } }),
    ]);
    // In the model's order (gate, then as the model lists them), not the primary key's alphabetical one.
    const position = new Map(deliverablesOf(model.definition).map((d, index) => [`${d.gate}/${d.key}`, index]));
    deliverables.sort(
      (a, b) => (position.get(`${a.gate}/${a.key}`) ?? 1e9) - (position.get(`${b.gate}/${b.key}`) ?? 1e9),
    );
    return {
      ...summaryOf(initiative),
      problem: initiative.problem,
      valueHypothesis: initiative.valueHypothesis,
      strategicObjective: initiative.strategicObjective,
      source: initiative.source,
      npv: initiative.npv,
      probabilityCommercial: initiative.probabilityCommercial,
      probabilityTechnical: initiative.probabilityTechnical,
      commercializationCost: initiative.commercializationCost,
      remainingDevelopmentCost: initiative.remainingDevelopmentCost,
      costToDate: initiative.costToDate,
      origin: originOf(initiative),
      processModel: { id: model.id, key: model.key, version: model.version },
      deliverables: deliverables.map(deliverableView),
      history: history.map(stageEventView),
    };
  }

  /**
   * Initiatives whose title or problem is similar, closest first, across every portfolio: from the in-memory index
   * when it is loaded, else with SQL (buildDuplicatesQuery) within a time budget.
   */
  async duplicates(query: DuplicateQuery, budgetMs: number): Promise<DuplicateCheck> {
    const indexed = await this.duplicateIndex.search(query);
    if (indexed !== null) return { candidates: indexed.map(roundSimilarity), complete: true };
    const built = buildDuplicatesQuery(query);
    if (built === null) return { candidates: [], complete: true };
    try {
      const rows = await this.dataSource.transaction(async (em) => {
        for (const setting of duplicateCheckSettings(budgetMs)) await em.query(setting);
        return (await em.query(built.sql, built.params)) as DuplicateCandidate[];
      });
      return { candidates: rows.map(roundSimilarity), complete: true };
    } catch (error) {
      if (sqlState(error) !== QUERY_CANCELED) throw error;
      this.logger.warn(`duplicate check ran out of its ${budgetMs} ms budget; answering without candidates`);
      return { candidates: [], complete: false };
    }
  }
}

function roundSimilarity(candidate: DuplicateCandidate): DuplicateCandidate {
  return { ...candidate, similarity: Math.round(candidate.similarity * 1000) / 1000 };
}

export function deliverableView(d: InitiativeDeliverableEntity): DeliverableView {
  return {
    gate: d.gate,
    key: d.key,
    name: d.name,
    status: d.status,
    note: d.note,
    updatedBy: d.updatedBy,
    updatedAt: d.updatedAt,
  };
}

function stageEventView(e: StageEventEntity): StageEventView {
  const {
    seq,
    kind,
    fromStage,
    fromStatus,
    toStage,
    toStatus,
    gate,
    decision,
    reviewId,
    actorId,
    actorLabel,
    reason,
    occurredAt,
  } = e;
  return {
    seq,
    kind,
    fromStage,
    fromStatus,
    toStage,
    toStatus,
    gate,
    decision,
    reviewId,
    actorId,
    actorLabel,
    reason,
    occurredAt,
  };
}
