import { DrillButton } from './FigureCard';
import { formatCompact, formatDays, formatDec2, formatHours, formatInt, formatPct, NONE } from './format';
import type { Overview } from './queries';
import { select } from './selections';

interface Tile {
  key: string;
  label: string;
  value: string;
  sub: string;
  alert?: boolean;
  /** The tile's sub-line lists the initiatives behind it. */
  drill?: boolean;
}

/** The key figures above the charts, as the old dashboard had them. */
export function Tiles({ overview }: { overview: Overview }) {
  const { funnel, learning, handover, zombies, operations } = overview;
  const total = funnel.reduce((sum, f) => sum + f.current, 0);
  const tiles: Tile[] = [
    { key: 'initiatives', label: 'In the funnel', value: formatInt(total), sub: 'initiatives now, all stages' },
    {
      key: 'velocity',
      label: 'Learning velocity',
      value: formatDec2(learning.velocity),
      sub: 'assumptions resolved per initiative per 30 days',
    },
    {
      key: 'cost-per-learning',
      label: 'Cost per learning',
      value: formatCompact(learning.costPerLearning),
      sub: 'mean experiment cost per learning',
    },
    {
      key: 'acceptance',
      label: 'Handover acceptance',
      value: formatPct(handover.acceptanceRate),
      sub:
        handover.decided > 0
          ? `${formatInt(handover.accepted)} accepted of ${formatInt(handover.decided)} decided`
          : 'no handover decided in the period',
      drill: handover.decided > 0,
    },
    {
      key: 'time-to-controlled',
      label: 'Time to controlled',
      value: formatHours(handover.medianTimeToControlledHours),
      sub: 'median, final go to controlled records',
    },
    {
      key: 'from-operations',
      label: 'From operations',
      value: formatPct(operations.share),
      sub:
        operations.newInitiatives === 0
          ? 'no initiative created in the period'
          : `${formatInt(operations.fromOperations)} of ${formatInt(operations.newInitiatives)} new initiatives` +
            (operations.fromOperations === 0
              ? ''
              : operations.medianDaysToFirstDecision === null
                ? '; none at a gate yet'
                : `; median ${formatDays(operations.medianDaysToFirstDecision)} to the first gate`),
    },
    {
      key: 'zombies',
      label: 'Zombie reviews',
      value: formatInt(zombies.length),
      sub: 'past their deadline, undecided',
      alert: zombies.length > 0,
    },
  ];
  return (
    <section className="tiles" aria-label="Key figures">
      {tiles.map((t) => (
        <div
          key={t.key}
          className={t.alert === true ? 'tile alert' : 'tile'}
          role="group"
          aria-labelledby={`tile-${t.key}`}
          data-tile={t.key}
        >
          <span className="tile-label" id={`tile-${t.key}`}>
            {t.label}
          </span>
          <span className={t.value === NONE ? 'tile-value none' : 'tile-value'}>
            {t.value === NONE ? 'No data yet' : t.value}
          </span>
          <span className="tile-sub">
            {t.drill === true ? (
              <DrillButton
                text={t.sub}
                label={`${t.sub}: list the handovers decided in the period`}
                selection={select.handoverDecided()}
              />
            ) : (
              t.sub
            )}
          </span>
        </div>
      ))}
    </section>
  );
}
