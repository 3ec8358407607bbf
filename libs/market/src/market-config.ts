import { ConfigSection } from '@ambidex/platform';
import { DEFAULT_REINVESTMENT_PERCENT } from './domain/market-rules';

/** How much of the realised value the dashboards show as returned to the innovation budget (docs/metrics.md). */
export interface MarketConfig {
  /** Percent of a period's realised revenue and cost savings reinvested in new ideas. */
  reinvestmentPercent: number;
}

declare module '@ambidex/platform' {
  interface AppConfig {
    market: MarketConfig;
  }
}

export const MARKET_CONFIG: ConfigSection<'market'> = {
  key: 'market',
  read: (read) => ({
    reinvestmentPercent: read.int('MARKET_REINVESTMENT_PERCENT', DEFAULT_REINVESTMENT_PERCENT, 0, 100),
  }),
};
