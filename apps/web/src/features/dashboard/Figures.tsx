import { exportHref, type DashboardFilters } from './filters';
import { CycleCard, FunnelCard, GatesCard } from './FlowFigures';
import { BalanceCard, BubblesCard, EcvCard, ZombiesCard } from './PortfolioFigures';
import type { Overview } from './queries';

/** Every figure of the overview, each with the CSV export of the same filters. */
export function Figures({ overview, filters, now }: { overview: Overview; filters: DashboardFilters; now: Date }) {
  const csv = (metric: string): string => exportHref(filters, metric);
  return (
    <div className="figure-grid">
      <FunnelCard funnel={overview.funnel} exportHref={csv('funnel')} />
      <GatesCard gates={overview.gates} exportHref={csv('gates')} />
      <CycleCard cycle={overview.cycleTimes} exportHref={csv('cycle-times')} />
      <BalanceCard balance={overview.balance} exportHref={csv('balance')} />
      <EcvCard ranking={overview.ecvRanking} exportHref={csv('ecv-ranking')} />
      <BubblesCard bubbles={overview.bubbles} exportHref={csv('bubbles')} />
      <ZombiesCard zombies={overview.zombies} exportHref={csv('zombies')} now={now} />
    </div>
  );
}
