import { initiativeSummaries, InitiativeSummary } from '@ambidex/portfolio';
import { ReadSource } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { RiskKind } from './domain/experiment-result';
import { correctedLearningSql, currentLearningsFilterSql } from './evidence/current-learning';
import { LearningDecision } from './domain/learning';
import { matchesCommonWords } from './learning-search-words';

export interface LearningSearchQuery {
  q: string;
  riskKind?: RiskKind;
  decision?: LearningDecision;
  from?: Date;
  to?: Date;
  includeSuperseded?: boolean;
  limit: number;
}

export interface LearningHit {
  learningId: string;
  initiativeId: string;
  initiativeTitle: string;
  initiativeStatus: string;
  decision: LearningDecision;
  confidence: string;
  createdAt: Date;
  rank: number;
  highlight: string;
  superseded: boolean;
}

interface HitRow {
  id: string;
  initiative_id: string;
  decision: LearningDecision;
  confidence: string;
  created_at: Date;
  rank: number;
  superseded: boolean;
  highlight: string;
}

/**
 * How many matches a search ranks at most: the newest ones. A word found in a quarter of a million learnings would
 * otherwise have every match read and ranked (about half a second at a million learnings); below this many
 * matches, every match is ranked.
 */
export const LEARNING_SEARCH_CANDIDATES = 1000;

/**
 * The organisation's knowledge (ISO 9001 7.1.6): learnings of every initiative, killed and held ones included.
 * The best (ts_rank) of the newest LEARNING_SEARCH_CANDIDATES matches, newer first among equals; highlights,
 * initiatives and the superseded check only for the page of hits.
 */
@Injectable()
export class LearningSearch {
  /** The replica's, when there is one: a learning shows in the search once replicated (README, Scaling). */
  constructor(private readonly reads: ReadSource) {}

  async search(query: LearningSearchQuery): Promise<LearningHit[]> {
    // Filters are added only when asked for, so the planner joins instead of probing every match.
    const params: unknown[] = [query.q, query.limit, LEARNING_SEARCH_CANDIDATES];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    // The tsquery is written out (not read from a CTE) so the planner sees the words. A common word is matched with
    // IS TRUE, which no index serves: the planner then walks a created_at index (or the range of a period, or the
    // kills alone in (decision, created_at)) newest first and stops after $3 matches. Other words come from the GIN
    // index, and their decision filter is written so that no index serves it either: the planner would intersect
    // their few matches with the bitmap of every learning of that decision (a tenth of the table for kills).
    // Either way at most $3 rows get ranked.
    const tsquery = `websearch_to_tsquery('english', $1)`;
    const common = await matchesCommonWords(this.reads.get(), query.q);
    const where = [common ? `(l.search_vector @@ ${tsquery}) IS TRUE` : `l.search_vector @@ ${tsquery}`];
    if (query.decision !== undefined)
      where.push(common ? `l.decision = ${param(query.decision)}` : `(l.decision = ${param(query.decision)}) IS TRUE`);
    if (query.from !== undefined) where.push(`l.created_at >= ${param(query.from)}`);
    if (query.to !== undefined) where.push(`l.created_at < ${param(query.to)}`);
    if (query.riskKind !== undefined) {
      // NOT … NOT IN keeps the subquery a hashed filter: as IN, PostgreSQL turns it into a semi-join probing two
      // indexes per row of a walk in created_at order, a third slower for a common word. experiment_id NULL stays out.
      where.push(
        `NOT (l.experiment_id NOT IN (SELECT ea.experiment_id FROM experiment_assumptions ea JOIN assumptions a ON a.id = ea.assumption_id WHERE a.risk_kind = ${param(query.riskKind)}))`,
      );
    }
    if (query.includeSuperseded !== true) where.push(currentLearningsFilterSql('l'));
    const rows = (await this.reads.get().query(
      `WITH candidates AS (
         SELECT l.id, l.created_at, l.search_vector
           FROM learnings l
          WHERE ${where.join(' AND ')}
          ORDER BY l.created_at DESC, l.id DESC
          LIMIT $3),
       page AS (
         SELECT c.id, c.created_at, ts_rank(c.search_vector, ${tsquery}) AS rank
           FROM candidates c
          ORDER BY rank DESC, c.created_at DESC, c.id DESC
          LIMIT $2)
       SELECT l.id, l.initiative_id, l.decision, l.confidence, p.created_at, p.rank,
              ${correctedLearningSql('l')} AS superseded,
              ts_headline('english', l.observed || ' ' || l.belief, ${tsquery},
                          'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=24, MinWords=6') AS highlight
         FROM page p JOIN learnings l ON l.id = p.id
        ORDER BY p.rank DESC, p.created_at DESC, p.id DESC`,
      params,
    )) as HitRow[];
    const initiatives = await initiativeSummaries(
      this.reads.get(),
      rows.map((r) => r.initiative_id),
    );
    return rows.flatMap((r) => {
      const initiative = initiatives.get(r.initiative_id);
      return initiative === undefined ? [] : [hitOf(r, initiative)];
    });
  }
}

function hitOf(row: HitRow, initiative: InitiativeSummary): LearningHit {
  return {
    learningId: row.id,
    initiativeId: row.initiative_id,
    initiativeTitle: initiative.title,
    initiativeStatus: initiative.status,
    decision: row.decision,
    confidence: row.confidence,
    createdAt: row.created_at,
    rank: Number(row.rank),
    highlight: row.highlight,
    superseded: row.superseded,
  };
}
