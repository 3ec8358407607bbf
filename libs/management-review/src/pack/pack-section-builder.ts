import type { InsightsOverview } from '@ambidex/insights';
import { EntityManager } from 'typeorm';
import type { PackPeriod, PackSection } from '../domain/pack';

/**
 * One input of the review: reads its figures for the period (inside the pack's snapshot) and returns its section.
 * `dashboards` are the portfolio dashboards' overviews for the same period, read before the snapshot (see PackAssembly).
 */
export type PackSectionBuilder = (
  em: EntityManager,
  period: PackPeriod,
  dashboards: InsightsOverview[],
) => Promise<PackSection>;

/** How many lines a listed section keeps; its totals always count everything. */
export const PACK_LIST_LIMIT = 50;

/** Figures as stored: plain JSON (no undefined, no Date), so the hash of what is stored is the hash signed. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
