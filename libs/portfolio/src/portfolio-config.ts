import { ConfigSection } from '@ambidex/platform';

/** Possible-duplicate search on create: its budget there (0 = leave it all to the background check), and in the background. */
export interface DuplicatesConfig {
  checkBudgetMs: number;
  backgroundBudgetMs: number;
  /** memory: search an in-memory trigram index (DuplicateIndex); off: the SQL search only, no memory spent. */
  index: 'memory' | 'off';
}

declare module '@ambidex/platform' {
  interface AppConfig {
    duplicates: DuplicatesConfig;
  }
}

export const DUPLICATES_CONFIG: ConfigSection<'duplicates'> = {
  key: 'duplicates',
  read: (read) => ({
    checkBudgetMs: read.int('DUPLICATE_CHECK_BUDGET_MS', 1_000, 0, 10_000),
    backgroundBudgetMs: read.int('DUPLICATE_CHECK_BACKGROUND_BUDGET_MS', 120_000, 1_000, 3_600_000),
    index: read.oneOf('DUPLICATE_INDEX', ['memory', 'off'] as const, 'memory'),
  }),
};
