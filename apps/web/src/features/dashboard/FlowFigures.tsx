import { STAGE_LABELS } from '../portfolio/labels';
import { BarChart } from './charts/BarChart';
import { COLORS } from './charts/palette';
import { DrillButton, FigureCard, FigureTable } from './FigureCard';
import { useFigureMode } from './figure-context';
import { formatDays, formatInt, formatPct, formatPctTick, isFigure } from './format';
import type { Overview } from './queries';
import { select } from './selections';

const stageLabel = (s: string): string => STAGE_LABELS[s] ?? s;

/** Figures of movement through the stages: funnel, gate decisions, cycle times. */
export function FunnelCard({ funnel, exportHref }: { funnel: Overview['funnel']; exportHref: string }) {
  const { print, drill } = useFigureMode();
  const categories = funnel.map((f) => stageLabel(f.stage));
  return (
    <FigureCard
      title="Funnel by stage"
      exportHref={exportHref}
      exportName="funnel"
      hint={`Initiatives in each stage at the end of the period (on hold included, killed not), and how many entered and left it during the period.${print ? '' : ' Select a bar to list them.'}`}
      table={
        <FigureTable
          caption="Funnel by stage"
          columns={[
            { label: 'Stage' },
            { label: 'Now', numeric: true },
            { label: 'Inflow', numeric: true },
            { label: 'Outflow', numeric: true },
          ]}
          rows={funnel.map((f) => {
            const name = stageLabel(f.stage);
            return [
              name,
              <DrillButton
                key="now"
                text={formatInt(f.current)}
                label={`List initiatives in ${name}`}
                selection={select.inStage(f.stage)}
              />,
              <DrillButton
                key="in"
                text={formatInt(f.inflow)}
                label={`List initiatives that entered ${name}`}
                selection={select.entered(f.stage)}
              />,
              <DrillButton
                key="out"
                text={formatInt(f.outflow)}
                label={`List initiatives that left ${name}`}
                selection={select.left(f.stage)}
              />,
            ];
          })}
        />
      }
    >
      <BarChart
        name="funnel"
        label={`Funnel by stage: ${funnel.map((f) => `${stageLabel(f.stage)} ${f.current} now, ${f.inflow} in, ${f.outflow} out`).join('; ')}`}
        categories={categories}
        series={[
          {
            key: 'current',
            name: 'Now in stage',
            color: COLORS.current,
            values: funnel.map((f) => f.current),
            labels: true,
          },
          { key: 'inflow', name: 'Inflow', color: COLORS.inflow, values: funnel.map((f) => f.inflow) },
          { key: 'outflow', name: 'Outflow', color: COLORS.outflow, values: funnel.map((f) => f.outflow) },
        ]}
        format={formatInt}
        axis={{ integers: true }}
        layout={print ? 'vertical' : 'auto'}
        onSelect={
          print
            ? undefined
            : (s, i) => {
                const stage = funnel[i]?.stage;
                if (stage !== undefined)
                  drill(s === 1 ? select.entered(stage) : s === 2 ? select.left(stage) : select.inStage(stage));
              }
        }
      />
    </FigureCard>
  );
}

/** The gate chart's series: the rate, its name, and the decisions a click lists. */
const GATE_SERIES = [
  {
    key: 'conversion',
    field: 'conversionRate',
    name: 'Conversion',
    color: COLORS.conversion,
    decisions: ['go', 'conditional_go'],
  },
  { key: 'kill', field: 'killRate', name: 'Kill', color: COLORS.kill, decisions: ['kill'] },
  { key: 'recycle', field: 'recycleRate', name: 'Recycle', color: COLORS.recycle, decisions: ['recycle'] },
  { key: 'hold', field: 'holdRate', name: 'Hold', color: COLORS.hold, decisions: ['hold'] },
] as const;

export function GatesCard({ gates, exportHref }: { gates: Overview['gates']; exportHref: string }) {
  const { print, drill } = useFigureMode();
  const count = (
    g: Overview['gates'][number],
    n: number,
    decision: 'go' | 'conditional_go' | 'kill' | 'hold' | 'recycle',
    words: string,
  ) => (
    <DrillButton
      key={decision}
      text={formatInt(n)}
      label={`List ${words} decisions at ${g.gate}`}
      selection={select.decided(g.gate, [decision])}
    />
  );
  return (
    <FigureCard
      title="Gate decisions"
      wide={print}
      exportHref={exportHref}
      exportName="gate decisions"
      hint={`Share of the decisions taken at each gate in the period. Conversion counts go and conditional go.${print ? '' : ' Select a bar to list the initiatives.'}`}
      table={
        <FigureTable
          caption="Gate decisions"
          columns={[
            'Gate',
            'Decisions',
            'Go',
            'Cond. go',
            'Kill',
            'Hold',
            'Recycle',
            'Conversion',
            'Kill rate',
            'Recycle rate',
            'Hold rate',
          ].map((label, i) => ({ label, numeric: i > 0 }))}
          rows={gates.map((g) => [
            g.gate,
            formatInt(g.decisions),
            count(g, g.go, 'go', 'go'),
            count(g, g.conditionalGo, 'conditional_go', 'conditional go'),
            count(g, g.kill, 'kill', 'kill'),
            count(g, g.hold, 'hold', 'hold'),
            count(g, g.recycle, 'recycle', 'recycle'),
            formatPct(g.conversionRate),
            formatPct(g.killRate),
            formatPct(g.recycleRate),
            formatPct(g.holdRate),
          ])}
        />
      }
    >
      <BarChart
        name="gates"
        label={`Gate decisions: ${gates.map((g) => `${g.gate} ${g.decisions} decisions, conversion ${formatPct(g.conversionRate)}, kill ${formatPct(g.killRate)}, recycle ${formatPct(g.recycleRate)}, hold ${formatPct(g.holdRate)}`).join('; ')}`}
        categories={gates.map((g) => g.gate)}
        series={GATE_SERIES.map((s) => ({
          key: s.key,
          name: s.name,
          color: s.color,
          values: gates.map((g) => g[s.field]),
          labels: true,
        }))}
        format={formatPct}
        tick={formatPctTick}
        axis={{ min: 0, max: 1 }}
        layout={print ? 'vertical' : 'auto'}
        empty="No gate decision in the period."
        onSelect={
          print
            ? undefined
            : (s, i) => {
                const gate = gates[i]?.gate;
                const series = GATE_SERIES[s];
                if (gate !== undefined && series !== undefined) drill(select.decided(gate, series.decisions));
              }
        }
      />
    </FigureCard>
  );
}

export function CycleCard({ cycle, exportHref }: { cycle: Overview['cycleTimes']; exportHref: string }) {
  const { print, drill } = useFigureMode();
  return (
    <FigureCard
      title="Cycle time per stage"
      exportHref={exportHref}
      exportName="cycle times"
      hint="Days from entering a stage to entering the next one, for passages that ended in the period: median and 85th percentile."
      table={
        <FigureTable
          caption="Cycle time per stage"
          columns={[
            { label: 'Stage' },
            { label: 'Median', numeric: true },
            { label: '85th percentile', numeric: true },
            { label: 'Stays', numeric: true },
          ]}
          rows={cycle.map((c) => [
            <DrillButton
              key="stage"
              text={stageLabel(c.stage)}
              label={`List initiatives that passed through ${stageLabel(c.stage)}`}
              selection={select.passed(c.stage)}
            />,
            formatDays(c.medianDays),
            formatDays(c.p85Days),
            formatInt(c.samples),
          ])}
        />
      }
    >
      <BarChart
        name="cycle"
        label={`Cycle time per stage: ${cycle.map((c) => `${stageLabel(c.stage)} median ${formatDays(c.medianDays)}, 85th percentile ${formatDays(c.p85Days)}`).join('; ')}`}
        categories={cycle.map((c) => stageLabel(c.stage))}
        series={[
          {
            key: 'median',
            name: 'Median',
            color: COLORS.median,
            values: cycle.map((c) => (isFigure(c.medianDays) ? c.medianDays : null)),
            labels: true,
          },
          {
            key: 'p85',
            name: '85th percentile',
            color: COLORS.p85,
            values: cycle.map((c) => (isFigure(c.p85Days) ? c.p85Days : null)),
            labels: true,
          },
        ]}
        format={formatDays}
        valueLabel={(v) => v.toFixed(1)}
        tick={(v) => `${v} d`}
        layout={print ? 'vertical' : 'auto'}
        empty="No passage through a stage ended in the period."
        onSelect={
          print
            ? undefined
            : (_s, i) => {
                const stage = cycle[i]?.stage;
                if (stage !== undefined) drill(select.passed(stage));
              }
        }
      />
    </FigureCard>
  );
}
