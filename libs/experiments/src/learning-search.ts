import { initiativeSummaries, InitiativeSummary } from '@ambidex/portfolio';
import { READ_DATA_SOURCE } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RiskKind } from './domain/experiment-result';
import { correctedLearningSql, currentLearningsFilterSql } from './evidence/current-learning';
import { LearningDecision } from './domain/learning';

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
 * The organisation's knowledge (ISO 9001 7.1.6): learnings of every initiative, killed and held ones included,
 * ranked by full-text relevance, highlights computed for the page of hits only.
 */
@Injectable()
export class LearningSearch {
  /** The replica's, when there is one: a learning shows in the search once replicated (README, Scaling). */
  constructor(@Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async search(query: LearningSearchQuery): Promise<LearningHit[]> {
    // Filters are added only when asked for, so the planner joins instead of probing every match.
    const params: unknown[] = [query.q, query.limit];
    const where: string[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.decision !== undefined) where.push(`l.decision = ${param(query.decision)}`);
    if (query.from !== undefined) where.push(`l.created_at >= ${param(query.from)}`);
    if (query.to !== undefined) where.push(`l.created_at < ${param(query.to)}`);
    if (query.riskKind !== undefined) {
      where.push(
        `l.experiment_id IN (SELECT ea.experiment_id FROM experiment_assumptions ea JOIN assumptions a ON a.id = ea.assumption_id WHERE a.risk_kind = ${param(query.riskKind)})`,
      );
    }
    if (query.includeSuperseded !== true) where.push(currentLearningsFilterSql('l'));
    const rows = (await this.dataSource.query(
      `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
       hits AS (
         SELECT l.id, l.initiative_id, l.decision, l.confidence, l.created_at, l.observed, l.belief, ts_rank(l.search_vector, q.query) AS rank
           FROM learnings l, q
          WHERE l.search_vector @@ q.query ${where.map((w) => `AND ${w}`).join(' ')}
          ORDER BY rank DESC, l.created_at DESC
          LIMIT $2)
       SELECT h.id, h.initiative_id, h.decision, h.confidence, h.created_at, h.rank,
              ${correctedLearningSql('h')} AS superseded,
              ts_headline('english', h.observed || ' ' || h.belief, q.query,
                          'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=24, MinWords=6') AS highlight
         FROM hits h, q
        ORDER BY h.rank DESC, h.created_at DESC`,
      params,
    )) as HitRow[];
    const initiatives = await initiativeSummaries(
      this.dataSource,
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
