import { Link } from 'react-router';
import { AMBITION_LABELS, STAGE_LABELS, STATUS_LABELS } from '../portfolio/labels';
import { BarChart } from './charts/BarChart';
import { BubbleChart } from './charts/BubbleChart';
import { COLORS, colorOf } from './charts/palette';
import { DrillButton, FigureCard, FigureTable } from './FigureCard';
import { useFigureMode } from './figure-context';
import { AMBITIONS } from './filters';
import {
  formatCompact,
  formatDate,
  formatGap,
  formatInt,
  formatOverdue,
  formatPct,
  formatPctTick,
  truncate,
} from './format';
import type { Overview } from './queries';
import { select } from './selections';

const ambitionLabel = (a: string): string => AMBITION_LABELS[a] ?? a;
const money = (v: number): string => formatInt(v);
export const ECV_TOP = 12;

/** A title that opens the initiative in the console; plain text on paper. */
function InitiativeLink({ id, title }: { id: string; title: string }) {
  const { print } = useFigureMode();
  return print ? <>{title}</> : <Link to={`/initiatives/${id}`}>{title}</Link>;
}

type BalanceRow = Overview['balance']['ambition'][number];

function BalanceChart({ dimension, rows }: { dimension: 'ambition' | 'horizon'; rows: readonly BalanceRow[] }) {
  const { print, drill } = useFigureMode();
  const label = (b: string): string => (dimension === 'ambition' ? ambitionLabel(b) : b);
  const top = Math.max(0, ...rows.flatMap((r) => [r.share, r.target]));
  return (
    <div className="balance-chart">
      <h3>{dimension === 'ambition' ? 'Ambition' : 'Horizon'}</h3>
      <BarChart
        name={`balance-${dimension}`}
        label={`Balance by ${dimension}: ${rows.map((r) => `${label(r.bucket)} ${formatPct(r.share)} against a target of ${formatPct(r.target)}`).join('; ')}`}
        categories={rows.map((r) => label(r.bucket))}
        series={[
          {
            key: 'actual',
            name: 'Actual',
            color: COLORS.current,
            values: rows.map((r) => r.share),
            colors: rows.map((r) => colorOf(r.bucket)),
            labels: true,
          },
          {
            key: 'target',
            name: 'Target',
            color: COLORS.target,
            values: rows.map((r) => r.target),
            outline: true,
            labels: true,
          },
        ]}
        format={formatPct}
        tick={formatPctTick}
        axis={{ min: 0, max: top > 0.8 ? 1 : Math.ceil((top + 0.05) * 10) / 10 }}
        layout="vertical"
        height={print ? 200 : 220}
        onSelect={
          print ? undefined : (_s, i) => rows[i] !== undefined && drill(select.bucket(dimension, rows[i].bucket))
        }
      />
    </div>
  );
}

export function BalanceCard({ balance, exportHref }: { balance: Overview['balance']; exportHref: string }) {
  const row = (dimension: 'ambition' | 'horizon', b: BalanceRow) => {
    const name = dimension === 'ambition' ? ambitionLabel(b.bucket) : b.bucket;
    return [
      <DrillButton
        key="bucket"
        text={name}
        label={`List ${name} initiatives in the pipeline`}
        selection={select.bucket(dimension, b.bucket)}
      />,
      formatInt(b.count),
      formatPct(b.share),
      formatPct(b.target),
      formatGap(b.share, b.target),
    ];
  };
  return (
    <FigureCard
      title="Balance against targets"
      exportHref={exportHref}
      exportName="balance"
      hint="Share of the pipeline (explore to handover, not killed) in each ambition and horizon at the end of the period, next to the portfolio’s targets."
      table={
        <FigureTable
          caption="Balance against targets"
          columns={[
            { label: 'Bucket' },
            ...['Initiatives', 'Share', 'Target', 'Gap'].map((label) => ({ label, numeric: true })),
          ]}
          rows={[...balance.ambition.map((b) => row('ambition', b)), ...balance.horizon.map((b) => row('horizon', b))]}
        />
      }
    >
      <div className="balance-charts">
        <BalanceChart dimension="ambition" rows={balance.ambition} />
        <BalanceChart dimension="horizon" rows={balance.horizon} />
      </div>
    </FigureCard>
  );
}

export function EcvCard({ ranking, exportHref }: { ranking: Overview['ecvRanking']; exportHref: string }) {
  const { print, showOne } = useFigureMode();
  const top = ranking.slice(0, ECV_TOP);
  const open = (r: Overview['ecvRanking'][number]) =>
    showOne({
      item: { id: r.initiativeId, title: r.title, stage: r.stage, status: r.status, ecv: r.ecv },
      related: select.inStage(r.stage),
    });
  return (
    <FigureCard
      title="Expected commercial value"
      exportHref={exportHref}
      exportName="ECV ranking"
      hint={`ECV = ((NPV × Pcs − C) × Pts) − D of the active initiatives, highest first (the chart shows the top ${ECV_TOP}, the table all listed).`}
      table={
        <FigureTable
          caption="ECV ranking"
          columns={[
            { label: '#', numeric: true },
            { label: 'Initiative' },
            { label: 'Stage' },
            { label: 'Status' },
            { label: 'ECV', numeric: true },
          ]}
          rows={ranking.map((r, i) => [
            String(i + 1),
            <InitiativeLink key="title" id={r.initiativeId} title={r.title} />,
            STAGE_LABELS[r.stage] ?? r.stage,
            STATUS_LABELS[r.status] ?? r.status,
            money(r.ecv),
          ])}
          empty="No initiative has complete financials."
        />
      }
    >
      <BarChart
        name="ecv"
        label={`ECV ranking: ${top.map((r, i) => `${i + 1}. ${r.title} ${money(r.ecv)}`).join('; ')}`}
        categories={top.map((r) => truncate(r.title, print ? 30 : 26))}
        series={[
          {
            key: 'ecv',
            name: 'ECV',
            color: COLORS.current,
            values: top.map((r) => r.ecv),
            colors: top.map((r) => (r.ecv < 0 ? COLORS.negative : undefined)),
            labels: true,
          },
        ]}
        format={formatCompact}
        layout="horizontal"
        empty="No initiative has complete financials."
        onSelect={print ? undefined : (_s, i) => top[i] !== undefined && open(top[i])}
      />
    </FigureCard>
  );
}

export function BubblesCard({ bubbles, exportHref }: { bubbles: Overview['bubbles']; exportHref: string }) {
  const { print, showOne } = useFigureMode();
  const open = (b: Overview['bubbles'][number]) =>
    showOne({
      item: {
        id: b.initiativeId,
        title: b.title,
        ambition: b.ambition,
        ecv: b.ecv,
        probability: b.probability,
        remainingCost: b.remainingCost,
      },
      related: select.bucket('ambition', b.ambition),
    });
  return (
    <FigureCard
      title="Risk × reward"
      wide={print}
      exportHref={exportHref}
      exportName="risk × reward bubbles"
      hint="Active initiatives: probability of success (Pcs × Pts) against ECV. Bubble size is the remaining development cost, colour the ambition."
      table={
        <FigureTable
          caption="Risk × reward"
          columns={[
            { label: 'Initiative' },
            { label: 'Ambition' },
            ...['Probability', 'ECV', 'Remaining cost'].map((label) => ({ label, numeric: true })),
          ]}
          rows={bubbles.map((b) => [
            <InitiativeLink key="title" id={b.initiativeId} title={b.title} />,
            ambitionLabel(b.ambition),
            formatPct(b.probability),
            money(b.ecv),
            money(b.remainingCost),
          ])}
          empty="No initiative has complete financials."
        />
      }
    >
      <BubbleChart
        name="bubbles"
        label={`Risk and reward of ${bubbles.length} initiatives: probability of success against ECV, sized by remaining cost. ${bubbles.map((b) => `${b.title}: ${formatPct(b.probability)}, ECV ${formatCompact(b.ecv)}`).join('; ')}`}
        bubbles={bubbles.map((b) => ({
          key: b.initiativeId,
          title: b.title,
          x: b.probability,
          y: b.ecv,
          size: b.remainingCost,
          group: b.ambition,
        }))}
        groups={AMBITIONS.map((a) => ({ key: a, name: ambitionLabel(a), color: colorOf(a) }))}
        xTitle="probability of success"
        empty="No initiative has complete financials."
        height={print ? 240 : 280}
        onSelect={print ? undefined : (i) => bubbles[i] !== undefined && open(bubbles[i])}
      />
    </FigureCard>
  );
}

export function ZombiesCard({
  zombies,
  exportHref,
  now,
}: {
  zombies: Overview['zombies'];
  exportHref: string;
  now: Date;
}) {
  const { print } = useFigureMode();
  return (
    <FigureCard
      title="Zombie initiatives"
      exportHref={exportHref}
      exportName="zombies"
      wide
      hint="Open gate reviews past their decision deadline, longest overdue first."
      table={
        <FigureTable
          caption="Zombie initiatives"
          columns={[
            { label: 'Initiative' },
            { label: 'Gate' },
            { label: 'Deadline' },
            { label: 'Overdue', numeric: true },
          ]}
          rows={zombies.map((z) => [
            <InitiativeLink key="title" id={z.initiativeId} title={z.title} />,
            print ? (
              z.gate
            ) : (
              <Link key="review" to={`/reviews/${z.reviewId}`} aria-label={`${z.gate} review of ${z.title}`}>
                {z.gate} review
              </Link>
            ),
            formatDate(z.deadlineAt),
            formatOverdue(z.deadlineAt, now),
          ])}
          empty="No gate review is past its deadline. Good."
        />
      }
    />
  );
}
