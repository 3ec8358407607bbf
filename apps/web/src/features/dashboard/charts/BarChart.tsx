import { truncate } from '../format';
import { Legend } from './Legend';
import { COLORS } from './palette';
import { bands, linear, textWidth, valueAxis } from './scale';
import { useWidth } from './useWidth';

export interface BarSeries {
  key: string;
  name: string;
  color: string;
  values: readonly (number | null)[];
  /** A colour per bar instead of the series colour (an ambition, a negative ECV). */
  colors?: readonly (string | undefined)[];
  /** Targets are drawn as outlined bars. */
  outline?: boolean;
  /** Write the value at the end of each bar (zero and missing values are left blank). */
  labels?: boolean;
}

interface BarChartProps {
  /** A stable name for the chart (data-chart), e.g. "funnel". */
  name: string;
  /** The text alternative: what the chart shows, in words and numbers. */
  label: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  format: (v: number) => string;
  /** The shorter text written on the bars, when it differs from `format` (tooltips and the alternative). */
  valueLabel?: (v: number) => string;
  tick?: (v: number) => string;
  axis?: { min?: number; max?: number; integers?: boolean };
  /** Bars lie on their side always, never, or when the chart is narrower than 520 px (a phone). */
  layout?: 'vertical' | 'horizontal' | 'auto';
  /** Called with the series and category of the bar clicked or tapped. */
  onSelect?: (series: number, category: number) => void;
  empty?: string;
  legend?: boolean;
  height?: number;
}

const FONT = 11;
const NARROW = 520;

/**
 * Grouped bars drawn as plain SVG (no chart library, no inline styles: the console's policy allows none). The chart
 * is an image with a text alternative; each bar has a tooltip and answers a click, and the data table beside it
 * offers the same click-through to the keyboard.
 */
export function BarChart(props: BarChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const { categories, series } = props;
  const hasData = categories.length > 0 && series.some((s) => s.values.some((v) => v !== null));
  const horizontal = props.layout === 'horizontal' || (props.layout !== 'vertical' && width > 0 && width < NARROW);
  return (
    <figure className="chart" data-chart={props.name} data-layout={horizontal ? 'horizontal' : 'vertical'}>
      {props.legend !== false && series.length > 1 && (
        <Legend items={series.map((s) => ({ name: s.name, color: s.color, outline: s.outline }))} />
      )}
      <div ref={ref} className="chart-canvas">
        {!hasData ? (
          <p className="chart-empty">{props.empty ?? 'No data for these filters.'}</p>
        ) : width > 0 ? (
          horizontal ? (
            <Horizontal {...props} width={width} />
          ) : (
            <Vertical {...props} width={width} />
          )
        ) : null}
      </div>
    </figure>
  );
}

type Drawn = BarChartProps & { width: number };

function barColor(s: BarSeries, i: number): string {
  return s.colors?.[i] ?? s.color;
}

function Bar({
  s,
  si,
  i,
  category,
  value,
  x,
  y,
  w,
  h,
  format,
  onSelect,
}: {
  s: BarSeries;
  si: number;
  i: number;
  category: string;
  value: number;
  x: number;
  y: number;
  w: number;
  h: number;
  format: (v: number) => string;
  onSelect?: (series: number, category: number) => void;
}) {
  return (
    <rect
      className={onSelect === undefined ? 'bar' : 'bar selectable'}
      x={x}
      y={y}
      width={Math.max(w, 0)}
      height={Math.max(h, 0)}
      rx={2}
      fill={s.outline === true ? COLORS.target : barColor(s, i)}
      stroke={s.outline === true ? COLORS.targetLine : undefined}
      strokeDasharray={s.outline === true ? '3 2' : undefined}
      data-series={s.key}
      data-index={i}
      data-category={category}
      data-value={value}
      onClick={onSelect === undefined ? undefined : () => onSelect(si, i)}
    >
      <title>{`${category} · ${s.name}: ${format(value)}`}</title>
    </rect>
  );
}

function Vertical({
  name,
  label,
  categories,
  series,
  format,
  valueLabel,
  tick,
  axis,
  onSelect,
  height = 240,
  width,
}: Drawn) {
  const scale = valueAxis(
    series.flatMap((s) => s.values),
    axis,
  );
  const tickText = tick ?? format;
  const left = Math.max(...scale.ticks.map((t) => textWidth(tickText(t), FONT))) + 10;
  const top = 16;
  const bottom = height - 22;
  const y = linear(scale, bottom, top);
  const layout = bands(categories.length, series.length, width - left - 6);
  const labelRoom = (layout[0]?.length ?? 0) - 4;
  // Value labels sit over their bar: one that would run into its neighbour's is left out (the tooltip has it).
  const pitch = series.length > 1 ? (layout[0]?.bar(1) ?? 0) - (layout[0]?.bar(0) ?? 0) : (layout[0]?.length ?? 0);
  const onBar = valueLabel ?? format;
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      data-name={name}
    >
      {scale.ticks.map((t) => (
        <g key={t}>
          <line
            className="grid"
            x1={left}
            x2={width - 4}
            y1={y(t)}
            y2={y(t)}
            stroke={t === 0 ? COLORS.axis : COLORS.grid}
          />
          <text className="tick" x={left - 6} y={y(t)} dy="0.32em" textAnchor="end">
            {tickText(t)}
          </text>
        </g>
      ))}
      {layout.map((band, i) => (
        <g key={categories[i]}>
          {series.map((s, si) => {
            const v = s.values[i];
            if (v === null || v === undefined) return null;
            const x = left + band.bar(si);
            const y0 = y(0);
            const y1 = y(v);
            return (
              <g key={s.key}>
                <Bar
                  s={s}
                  si={si}
                  i={i}
                  category={categories[i] ?? ''}
                  value={v}
                  x={x}
                  y={Math.min(y0, y1)}
                  w={band.thickness}
                  h={Math.abs(y1 - y0)}
                  format={format}
                  onSelect={onSelect}
                />
                {s.labels === true && v !== 0 && textWidth(onBar(v), 10) <= pitch + 2 && (
                  <text className="value" x={x + band.thickness / 2} y={v >= 0 ? y1 - 4 : y1 + 11} textAnchor="middle">
                    {onBar(v)}
                  </text>
                )}
              </g>
            );
          })}
          <text
            className="category"
            x={left + band.start + band.length / 2}
            y={height - 6}
            textAnchor="middle"
            data-category={categories[i]}
          >
            {fit(categories[i] ?? '', labelRoom)}
          </text>
        </g>
      ))}
    </svg>
  );
}

function Horizontal({ name, label, categories, series, format, valueLabel, tick, axis, onSelect, width }: Drawn) {
  const scale = valueAxis(
    series.flatMap((s) => s.values),
    { ...axis, count: width < 360 ? 3 : 4 },
  );
  const tickText = tick ?? format;
  const row = series.length * 13 + 12;
  const top = 4;
  const height = top + categories.length * row + 20;
  const left = Math.min(Math.max(...categories.map((c) => textWidth(c, FONT + 1))) + 10, Math.round(width * 0.4));
  const valueRoom = series.some((s) => s.labels === true) ? 44 : 12;
  const x = linear(scale, left, width - valueRoom);
  const layout = bands(categories.length, series.length, categories.length * row, 14);
  const axisY = top + categories.length * row;
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      data-name={name}
    >
      {scale.ticks.map((t) => (
        <g key={t}>
          <line className="grid" x1={x(t)} x2={x(t)} y1={top} y2={axisY} stroke={t === 0 ? COLORS.axis : COLORS.grid} />
          <text className="tick" x={x(t)} y={axisY + 14} textAnchor="middle">
            {tickText(t)}
          </text>
        </g>
      ))}
      {layout.map((band, i) => (
        <g key={categories[i]}>
          <text
            className="category"
            x={left - 8}
            y={top + band.start + band.length / 2}
            dy="0.32em"
            textAnchor="end"
            data-category={categories[i]}
          >
            {fit(categories[i] ?? '', left - 10, FONT + 1)}
          </text>
          {series.map((s, si) => {
            const v = s.values[i];
            if (v === null || v === undefined) return null;
            const yBar = top + band.bar(si);
            const x0 = x(0);
            const x1 = x(v);
            return (
              <g key={s.key}>
                <Bar
                  s={s}
                  si={si}
                  i={i}
                  category={categories[i] ?? ''}
                  value={v}
                  x={Math.min(x0, x1)}
                  y={yBar}
                  w={Math.abs(x1 - x0)}
                  h={band.thickness}
                  format={format}
                  onSelect={onSelect}
                />
                {s.labels === true && v !== 0 && (
                  <text
                    className="value"
                    x={v >= 0 ? x1 + 4 : x1 - 4}
                    y={yBar + band.thickness / 2}
                    dy="0.32em"
                    textAnchor={v >= 0 ? 'start' : 'end'}
                  >
                    {(valueLabel ?? format)(v)}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

/** A label cut to the room it has; the bar's tooltip and the data table keep the whole text. */
const fit = (text: string, room: number, size = FONT): string => truncate(text, Math.floor(room / (size * 0.58)));
