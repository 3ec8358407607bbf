import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { describeNode } from './trace-graph';
import { SIZES, type TraceLayout } from './trace-layout';

/** The first text baseline inside a box, below its top padding. */
const FIRST_BASELINE = SIZES.padding + 13;

/**
 * The trace drawn by hand in SVG: columns of boxes, curved edges, gaps in red with their name written in the box.
 * Each box is a link to its subject, reachable with the keyboard in column order. Only SVG attributes and the
 * stylesheet's classes: the console's policy allows no inline styles.
 */
export function TraceGraph({ layout, labelledBy }: { layout: TraceLayout; labelledBy: string }) {
  const navigate = useNavigate();
  const follow = (href: string) => (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(href);
  };
  return (
    <div className="trace-scroll">
      <svg
        className="trace-graph"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-labelledby={labelledBy}
      >
        <defs>
          <marker
            id="trace-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="trace-arrow" />
          </marker>
        </defs>
        <g aria-hidden="true">
          {layout.columns.map((c) => (
            <text
              key={c.column}
              className="trace-column"
              x={c.x + SIZES.width / 2}
              y={SIZES.top - 10}
              textAnchor="middle"
            >
              {c.label}
            </text>
          ))}
          {layout.edges.map((e) => (
            <path
              key={e.key}
              d={e.d}
              className={`trace-edge${e.risk ? ' risk' : ''}${e.toGap ? ' to-gap' : ''}`}
              markerEnd="url(#trace-arrow)"
            />
          ))}
        </g>
        {layout.nodes.map((n) => (
          <a
            key={n.id}
            href={n.href}
            onClick={follow(n.href)}
            className={`trace-node column-${n.column}${n.gaps.length > 0 ? ' gap' : ''}`}
          >
            {/* The link's name (SVG title), everything the box says and what it had to cut: not an aria-label, which would have to contain the cut text. */}
            <title>{describeNode(n)}</title>
            <rect x={n.x} y={n.y} width={SIZES.width} height={SIZES.height} rx="6" />
            <text>
              {n.lines.map((line, i) => (
                <tspan
                  key={i}
                  className={line.role}
                  x={n.x + SIZES.padding}
                  y={n.y + FIRST_BASELINE + i * SIZES.lineHeight}
                >
                  {line.role === 'gap' ? `⚠ ${line.text}` : line.text}
                </tspan>
              ))}
            </text>
          </a>
        ))}
      </svg>
    </div>
  );
}
