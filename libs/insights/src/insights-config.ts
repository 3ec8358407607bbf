import { ConfigSection } from '@ambidex/platform';

/** How the dashboards' read model keeps up (docs/metrics.md). */
export interface InsightsConfig {
  refreshDebounceMs: number;
  safetyRefreshEveryMs: number;
  staleAfterMs: number;
  /** Events that name their initiative are applied to the read model at once; off, they request full refreshes. */
  incrementalApply: boolean;
}

declare module '@ambidex/platform' {
  interface AppConfig {
    insights: InsightsConfig;
  }
}

export const INSIGHTS_CONFIG: ConfigSection<'insights'> = {
  key: 'insights',
  read: (read) => ({
    refreshDebounceMs: read.int('INSIGHTS_REFRESH_DEBOUNCE_MS', 1_000, 0, 600_000),
    safetyRefreshEveryMs: read.int('INSIGHTS_SAFETY_REFRESH_MS', 15 * 60_000, 1_000, 86_400_000),
    // Events keep the read model current (incremental applies); the full recompute and drift check is the nightly net.
    staleAfterMs: read.int('INSIGHTS_STALE_AFTER_MS', 24 * 60 * 60_000, 1_000, 7 * 86_400_000),
    // Off: every event refreshes its whole portfolio, as before (bench:dashboard's freshness baseline).
    incrementalApply: read.bool('INSIGHTS_INCREMENTAL_APPLY', true),
  }),
};
