import { formatMinutes, leadTimeLine } from './lean-figures';

const WIDTH = 320;
const HEIGHT = 80;

/** A small line of lead time over time (the table above holds the figures; this only shows the trend). */
export function LeadTimeLine({ points }: { points: { at: string; leadTime: number }[] }) {
  if (points.length < 2) return null;
  const line = leadTimeLine(points, WIDTH, HEIGHT, 6);
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <figure className="lead-time-line">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`Lead time from ${formatMinutes(first?.leadTime ?? 0)} to ${formatMinutes(last?.leadTime ?? 0)}`}
      >
        <polyline
          points={line.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          vectorEffect="non-scaling-stroke"
        />
        {line.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r="3" fill="currentColor" />
        ))}
      </svg>
      <figcaption className="hint">Lead time, oldest to newest</figcaption>
    </figure>
  );
}
