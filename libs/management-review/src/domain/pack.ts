import { canonicalJson } from '@ambidex/platform/canonical-json';
import { createHash } from 'node:crypto';
import { REVIEW_CLAUSES, ReviewClauseId } from './management-review-rules';

/** What the pack covers: whole UTC days, half-open [fromDay, toDay), and the dashboards' portfolio filters. */
export interface PackPeriod {
  reviewId: string;
  meetingOn: string;
  /** As entered (inclusive days), for the dashboards' own parsing of the period. */
  from: string;
  to: string;
  fromDay: string;
  toDay: string;
  portfolioId: string | null;
  ambition: string | null;
  horizon: string | null;
}

/** One input of the review: its figures as plain JSON, under the clauses that ask for it (the first one leads). */
export interface PackSection {
  key: string;
  title: string;
  clauses: ReviewClauseId[];
  figures: Record<string, unknown>;
  /** Where the figures come from and what they mean, for the reader of the pack. */
  source: string;
}

export interface PackClause {
  clause: ReviewClauseId;
  title: string;
  sections: PackSection[];
}

export interface ManagementReviewPack {
  period: { from: string; to: string };
  scope: { portfolioId: string | null; ambition: string | null; horizon: string | null };
  assembledAt: string;
  clauses: PackClause[];
}

/** Groups the sections under their leading clause, in the standards' order; clauses nobody answered are left out. */
export function packOf(period: PackPeriod, sections: PackSection[], assembledAt: Date): ManagementReviewPack {
  const clauses = REVIEW_CLAUSES.map((c) => ({
    clause: c.id,
    title: c.title,
    sections: sections.filter((s) => s.clauses[0] === c.id),
  })).filter((c) => c.sections.length > 0);
  return {
    period: { from: period.from, to: period.to },
    scope: { portfolioId: period.portfolioId, ambition: period.ambition, horizon: period.horizon },
    assembledAt: assembledAt.toISOString(),
    clauses,
  };
}

/** SHA-256 of the pack's canonical JSON: what the signature covers and what a reader can recompute. */
export function packSha256(pack: ManagementReviewPack): string {
  return createHash('sha256').update(canonicalJson(pack)).digest('hex');
}
