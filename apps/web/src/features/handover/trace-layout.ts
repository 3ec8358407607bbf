import { COLUMN_LABELS, COLUMNS, GAP_BADGES, type Column, type TraceGraph, type TraceNode } from './trace-graph';

/** Sizes in SVG user units (px at scale 1); a box holds a heading, two lines of text, a status and a gap line. */
export const SIZES = {
  width: 176,
  height: 94,
  columnGap: 36,
  rowGap: 14,
  /** Room above the boxes for the column headings. */
  top: 30,
  /** Below the boxes, room for an edge to run under a column (more than half the row gap). */
  margin: 8,
  padding: 8,
  lineHeight: 15,
  /** Characters that fit on one line of a box at the stylesheet's 12 px. */
  charsPerLine: 24,
} as const;

export interface PlacedNode extends TraceNode {
  x: number;
  y: number;
  /** The text lines of the box, in order: heading, text (up to two), status, and the gap badge when there is one. */
  lines: { text: string; role: 'heading' | 'text' | 'status' | 'gap' }[];
}

export interface PlacedEdge {
  key: string;
  d: string;
  risk: boolean;
  /** The edge ends at a box with a gap. */
  toGap: boolean;
}

export interface TraceLayout {
  width: number;
  height: number;
  columns: { column: Column; label: string; x: number }[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/**
 * Places the boxes: one column per kind of thing, in the order the graph lists them (chain by chain, so a chain's
 * boxes sit near each other), each column centred on the tallest one. Edges run from a box's right edge to the next
 * box's left edge as cubic curves.
 */
export function layoutTrace(graph: TraceGraph): TraceLayout {
  const byColumn = new Map<Column, TraceNode[]>(COLUMNS.map((c) => [c, []]));
  for (const node of graph.nodes) byColumn.get(node.column)?.push(node);
  const tallest = Math.max(1, ...[...byColumn.values()].map((nodes) => nodes.length));
  const step = SIZES.height + SIZES.rowGap;
  const columnX = (i: number) => SIZES.margin + i * (SIZES.width + SIZES.columnGap);

  const placed = new Map<string, PlacedNode>();
  COLUMNS.forEach((column, i) => {
    const nodes = byColumn.get(column) ?? [];
    const offset = ((tallest - nodes.length) * step) / 2;
    nodes.forEach((node, row) =>
      placed.set(node.id, { ...node, x: columnX(i), y: SIZES.top + offset + row * step, lines: boxLines(node) }),
    );
  });

  const edges: PlacedEdge[] = [];
  for (const edge of graph.edges) {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (from === undefined || to === undefined) continue;
    const between = [...placed.values()].filter(
      (n) =>
        COLUMNS.indexOf(n.column) > COLUMNS.indexOf(from.column) &&
        COLUMNS.indexOf(n.column) < COLUMNS.indexOf(to.column),
    );
    edges.push({
      key: `${edge.from}>${edge.to}`,
      d: edgePath(from, to, laneAround(from, to, between)),
      risk: edge.risk,
      toGap: to.gaps.length > 0,
    });
  }
  return {
    width: columnX(COLUMNS.length - 1) + SIZES.width + SIZES.margin,
    height: SIZES.top + tallest * step - SIZES.rowGap + SIZES.margin,
    columns: COLUMNS.map((column, i) => ({ column, label: COLUMN_LABELS[column], x: columnX(i) })),
    nodes: [...placed.values()],
    edges,
  };
}

/**
 * From the middle of one box's right edge to the middle of the other's left edge, leaving and arriving horizontally.
 * An edge that skips columns runs along `lane` across them, turning in the gaps between columns.
 */
export function edgePath(from: { x: number; y: number }, to: { x: number; y: number }, lane?: number): string {
  const x1 = from.x + SIZES.width;
  const y1 = from.y + SIZES.height / 2;
  const x2 = to.x;
  const y2 = to.y + SIZES.height / 2;
  if (lane !== undefined) {
    const turn = SIZES.columnGap / 2;
    return `M ${x1} ${y1} C ${x1 + turn} ${y1}, ${x1 + turn} ${lane}, ${x1 + SIZES.columnGap} ${lane} L ${x2 - SIZES.columnGap} ${lane} C ${x2 - turn} ${lane}, ${x2 - turn} ${y2}, ${x2} ${y2}`;
  }
  const bend = Math.max(SIZES.columnGap / 2, (x2 - x1) / 2);
  return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
}

/**
 * Where an edge that skips columns must run so it passes no box on the way: nowhere special when the boxes it skips
 * are all above or below it, else just above or just below them, whichever is nearer.
 */
export function laneAround(from: { y: number }, to: { y: number }, between: { y: number }[]): number | undefined {
  if (between.length === 0) return undefined;
  const y1 = from.y + SIZES.height / 2;
  const y2 = to.y + SIZES.height / 2;
  const tops = between.map((n) => n.y);
  const crossed = between.some(
    (n) => n.y - SIZES.rowGap / 2 < Math.max(y1, y2) && n.y + SIZES.height + SIZES.rowGap / 2 > Math.min(y1, y2),
  );
  if (!crossed) return undefined;
  const above = Math.min(...tops) - SIZES.rowGap / 2;
  const below = Math.max(...tops) + SIZES.height + SIZES.rowGap / 2;
  const middle = (y1 + y2) / 2;
  return Math.abs(above - middle) < Math.abs(below - middle) ? above : below;
}

/** Splits text into at most `maxLines` lines of `width` characters at spaces; what does not fit ends in an ellipsis. */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length <= width || line === '') line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => ellipsis(l, width));
  return [
    ...lines.slice(0, maxLines - 1).map((l) => ellipsis(l, width)),
    ellipsis(lines.slice(maxLines - 1).join(' '), width),
  ];
}

function ellipsis(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1).trimEnd()}…`;
}

function boxLines(node: TraceNode): PlacedNode['lines'] {
  const width = SIZES.charsPerLine;
  const gap = node.gaps[0];
  return [
    { text: ellipsis(node.heading, width), role: 'heading' as const },
    ...wrap(node.text, width, 2).map((text) => ({ text, role: 'text' as const })),
    ...(node.status === '' ? [] : [{ text: ellipsis(node.status, width), role: 'status' as const }]),
    ...(gap === undefined
      ? []
      : [
          {
            text: node.gaps.length > 1 ? `${GAP_BADGES[gap.kind]} +${node.gaps.length - 1}` : GAP_BADGES[gap.kind],
            role: 'gap' as const,
          },
        ]),
  ];
}
