import { formatCompact, formatPct, formatPctTick } from '../format';
import { Legend } from './Legend';
import { COLORS } from './palette';
import { bubbleRadius, linear, textWidth, valueAxis } from './scale';
import { useWidth } from './useWidth';

export interface Bubble {
  key: string;
  title: string;
  /** 0–1 */
  x: number;
  y: number;
  size: number;
  group: string;
}

interface BubbleChartProps {
  name: string;
  label: string;
  bubbles: readonly Bubble[];
  groups: readonly { key: string; name: string; color: string }[];
  xTitle: string;
  onSelect?: (index: number) => void;
  empty?: string;
  height?: number;
}

/**
 * Risk × reward: probability of success across (0–100 %), value up, area by the remaining cost, colour by group.
 * Smaller bubbles are drawn last, so a big bet never hides a small one under it.
 */
export function BubbleChart({ name, label, bubbles, groups, xTitle, onSelect, empty, height = 280 }: BubbleChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const maxSize = Math.max(0, ...bubbles.map((b) => b.size));
  const yAxis = valueAxis(
    bubbles.map((b) => b.y),
    { count: 4 },
  );
  const left = Math.max(...yAxis.ticks.map((t) => textWidth(formatCompact(t), 11))) + 10;
  const right = width - 26;
  const top = 26;
  const bottom = height - 38;
  const x = linear({ min: 0, max: 1 }, left + 24, right);
  const y = linear(yAxis, bottom, top);
  const xTicks = width < 360 ? [0, 0.5, 1] : [0, 0.2, 0.4, 0.6, 0.8, 1];
  const order = bubbles.map((b, i) => ({ b, i })).sort((p, q) => q.b.size - p.b.size);
  const colorOf = (group: string): string => groups.find((g) => g.key === group)?.color ?? COLORS.current;
  return (
    <figure className="chart" data-chart={name}>
      <Legend items={groups} />
      <div ref={ref} className="chart-canvas">
        {bubbles.length === 0 ? (
          <p className="chart-empty">{empty ?? 'No data for these filters.'}</p>
        ) : width > 0 ? (
          <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
            {yAxis.ticks.map((t) => (
              <g key={`y${t}`}>
                <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={t === 0 ? COLORS.axis : COLORS.grid} />
                <text className="tick" x={left - 6} y={y(t)} dy="0.32em" textAnchor="end">
                  {formatCompact(t)}
                </text>
              </g>
            ))}
            {xTicks.map((t) => (
              <text key={`x${t}`} className="tick" x={x(t)} y={bottom + 16} textAnchor="middle">
                {formatPctTick(t)}
              </text>
            ))}
            <text className="axis-title" x={(left + right) / 2} y={height - 4} textAnchor="middle">
              {xTitle}
            </text>
            <text className="axis-title" x={left} y={12} textAnchor="start">
              ECV
            </text>
            {order.map(({ b, i }) => (
              <circle
                key={b.key}
                className={onSelect === undefined ? 'bubble' : 'bubble selectable'}
                cx={x(b.x)}
                cy={y(b.y)}
                r={bubbleRadius(b.size, maxSize)}
                fill={colorOf(b.group)}
                fillOpacity={0.75}
                stroke="#fff"
                data-index={i}
                data-group={b.group}
                data-title={b.title}
                onClick={onSelect === undefined ? undefined : () => onSelect(i)}
              >
                <title>{`${b.title}: probability ${formatPct(b.x)}, ECV ${formatCompact(b.y)}, remaining cost ${formatCompact(b.size)}`}</title>
              </circle>
            ))}
          </svg>
        ) : null}
      </div>
    </figure>
  );
}
