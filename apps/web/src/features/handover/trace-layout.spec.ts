import { buildTraceGraph } from './trace-graph';
import { A_PACKAGE, A_TRACE } from './trace-fixtures';
import { edgePath, laneAround, layoutTrace, SIZES, wrap } from './trace-layout';

describe('trace layout', () => {
  const layout = layoutTrace(buildTraceGraph(A_TRACE, A_PACKAGE));
  const at = (id: string) => layout.nodes.find((n) => n.id === id);
  const step = SIZES.height + SIZES.rowGap;

  it('puts the six columns side by side in trace order and sizes the drawing to hold them', () => {
    expect(layout.columns.map((c) => c.label)).toEqual([
      'Assumption',
      'Experiment',
      'Learning',
      'Requirement',
      'Document',
      'Training',
    ]);
    const xs = layout.columns.map((c) => c.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[1]! - xs[0]!).toBe(SIZES.width + SIZES.columnGap);
    expect(layout.width).toBe(xs[5]! + SIZES.width + SIZES.margin);
    // The tallest columns (assumption, document, training) have two boxes.
    expect(layout.height).toBe(SIZES.top + 2 * step - SIZES.rowGap + SIZES.margin);
    for (const node of layout.nodes) expect(node.x).toBe(layout.columns.find((c) => c.column === node.column)?.x);
  });

  it('stacks a column in the graph order and centres a shorter column on the tallest', () => {
    expect([at('document:d1')?.y, at('document:d2')?.y]).toEqual([SIZES.top, SIZES.top + step]);
    expect(at('requirement:REQ-001')?.y).toBe(SIZES.top + step / 2);
    const boxes = layout.nodes.map((n) => `${n.x},${n.y}`);
    expect(new Set(boxes).size).toBe(boxes.length);
  });

  it('writes a gap into its box as text, not by colour alone', () => {
    expect(at('document:d2')?.lines.at(-1)).toEqual({ text: 'Gap: not effective', role: 'gap' });
    expect(at('assumption:a3')?.lines.at(-1)).toEqual({ text: 'Gap: never tested', role: 'gap' });
    expect(at('document:d1')?.lines.map((l) => l.role)).toEqual(['heading', 'text', 'status']);
    for (const node of layout.nodes) {
      expect(node.lines.length).toBeLessThanOrEqual(5);
      for (const line of node.lines) expect(line.text.length).toBeLessThanOrEqual(SIZES.charsPerLine);
    }
  });

  it('draws each edge from the right of its source to the left of its target, marking risk edges and edges into gaps', () => {
    const edge = layout.edges.find((e) => e.key === 'requirement:REQ-001>document:d2');
    const from = at('requirement:REQ-001')!;
    const to = at('document:d2')!;
    expect(edge?.d).toBe(edgePath(from, to));
    expect(edge?.d.startsWith(`M ${from.x + SIZES.width} ${from.y + SIZES.height / 2} C`)).toBe(true);
    expect(edge?.d.endsWith(`${to.x} ${to.y + SIZES.height / 2}`)).toBe(true);
    expect(edge?.toGap).toBe(true);
    expect(layout.edges.filter((e) => e.risk).map((e) => e.key)).toEqual(['assumption:a3>document:d1']);
  });

  it('bends a long edge across its whole span, a short one across the gap between columns', () => {
    expect(edgePath({ x: 0, y: 0 }, { x: SIZES.width + SIZES.columnGap, y: 100 })).toBe(
      `M ${SIZES.width} ${SIZES.height / 2} C ${SIZES.width + SIZES.columnGap / 2} ${SIZES.height / 2}, ${SIZES.width + SIZES.columnGap / 2} ${100 + SIZES.height / 2}, ${SIZES.width + SIZES.columnGap} ${100 + SIZES.height / 2}`,
    );
  });

  it('runs an edge that skips columns around the boxes it would cross, turning in the gaps between columns', () => {
    const risk = layout.edges.find((e) => e.risk);
    const experiment = at('experiment:e1')!;
    // The experiment box sits between the untested assumption and the document: the edge runs just below it.
    const lane = experiment.y + SIZES.height + SIZES.rowGap / 2;
    expect(risk?.d).toBe(edgePath(at('assumption:a3')!, at('document:d1')!, lane));
    expect(risk?.d).toContain(`, ${experiment.x} ${lane} L ${at('document:d1')!.x - SIZES.columnGap} ${lane} C`);
  });

  it('picks the nearer lane, and none when the skipped boxes are out of the way', () => {
    const box = (y: number) => ({ y });
    expect(laneAround(box(0), box(0), [])).toBeUndefined();
    expect(laneAround(box(0), box(0), [box(500)])).toBeUndefined();
    expect(laneAround(box(100), box(100), [box(90), box(200)])).toBe(90 - SIZES.rowGap / 2);
    expect(laneAround(box(250), box(250), [box(90), box(200)])).toBe(200 + SIZES.height + SIZES.rowGap / 2);
  });

  it('lays out an empty trace as one empty row', () => {
    const empty = layoutTrace({ nodes: [], edges: [], gaps: [], rows: [] });
    expect([empty.nodes, empty.edges, empty.height]).toEqual([[], [], SIZES.top + SIZES.height + SIZES.margin]);
  });
});

describe('wrap', () => {
  it('breaks at spaces within the width', () => {
    expect(wrap('Patients use the kiosk at the front desk', 16, 3)).toEqual([
      'Patients use the',
      'kiosk at the',
      'front desk',
    ]);
  });

  it('ends the last line with an ellipsis when the text is longer than the lines allow', () => {
    expect(wrap('one two three four five six seven', 9, 2)).toEqual(['one two', 'three fo…']);
  });

  it('cuts a word longer than a line', () => {
    expect(wrap('Pneumonoultramicroscopic', 10, 2)).toEqual(['Pneumonou…']);
  });

  it('gives no line for blank text', () => {
    expect(wrap('   ', 10, 2)).toEqual([]);
  });
});
