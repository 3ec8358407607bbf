import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RiskKind } from './domain/experiment-result';
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

/**
 * The organisation's knowledge (ISO 9001 7.1.6): learnings of every initiative, killed and held ones included,
 * ranked by full-text relevance, highlights computed for the page of hits only.
 */
@Injectable()
export class LearningSearch {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: LearningSearchQuery): Promise<LearningHit[]> {
    const rows = (await this.dataSource.query(
      `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
       hits AS (
         SELECT l.id, l.initiative_id, l.decision, l.confidence, l.created_at, l.observed, l.belief,
                ts_rank(to_tsvector('english', l.observed || ' ' || l.belief), q.query) AS rank,
                EXISTS (SELECT 1 FROM learnings c WHERE c.supersedes_id = l.id) AS superseded
           FROM learnings l, q
          WHERE to_tsvector('english', l.observed || ' ' || l.belief) @@ q.query
            AND ($2::text IS NULL OR l.decision = $2)
            AND ($3::timestamptz IS NULL OR l.created_at >= $3)
            AND ($4::timestamptz IS NULL OR l.created_at < $4)
            AND ($5::text IS NULL OR EXISTS (
                  SELECT 1 FROM experiment_assumptions ea JOIN assumptions a ON a.id = ea.assumption_id
                   WHERE ea.experiment_id = l.experiment_id AND a.risk_kind = $5))
            AND ($6 OR NOT EXISTS (SELECT 1 FROM learnings c WHERE c.supersedes_id = l.id))
          ORDER BY rank DESC, l.created_at DESC
          LIMIT $7)
       SELECT h.id, h.initiative_id, i.title, i.status, h.decision, h.confidence, h.created_at, h.rank, h.superseded,
              ts_headline('english', h.observed || ' ' || h.belief, q.query,
                          'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=24, MinWords=6') AS highlight
         FROM hits h JOIN initiatives i ON i.id = h.initiative_id, q
        ORDER BY h.rank DESC, h.created_at DESC`,
      [query.q, query.decision ?? null, query.from ?? null, query.to ?? null, query.riskKind ?? null, query.includeSuperseded === true, query.limit],
    )) as {
      id: string; initiative_id: string; title: string; status: string; decision: LearningDecision; confidence: string;
      created_at: Date; rank: number; superseded: boolean; highlight: string;
    }[];
    return rows.map((r) => ({
      learningId: r.id,
      initiativeId: r.initiative_id,
      initiativeTitle: r.title,
      initiativeStatus: r.status,
      decision: r.decision,
      confidence: r.confidence,
      createdAt: r.created_at,
      rank: Number(r.rank),
      highlight: r.highlight,
      superseded: r.superseded,
    }));
  }
}
