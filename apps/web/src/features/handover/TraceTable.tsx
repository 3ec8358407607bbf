import { Link } from 'react-router';
import { GAP_LABELS, type TraceGap, type TraceGraph, type TraceNode } from './trace-graph';

/** The gaps in words, each linked to the page of what it is about. */
export function TraceGaps({ graph }: { graph: TraceGraph }) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  if (graph.gaps.length === 0)
    return <p className="met">✓ No gaps: every requirement has evidence, every document is effective and trained.</p>;
  return (
    <ul className="plain trace-gaps">
      {graph.gaps.map((g, i) => (
        <li key={i}>
          <span className="missing">
            <strong>⚠ {GAP_LABELS[g.kind]}:</strong>
          </span>{' '}
          <GapSubject gap={g} node={g.nodeId === null ? undefined : byId.get(g.nodeId)} /> — {g.detail}
        </li>
      ))}
    </ul>
  );
}

function GapSubject({ gap, node }: { gap: TraceGap; node: TraceNode | undefined }) {
  if (node === undefined) return <>{gap.subject}</>;
  return <Link to={node.href}>{gap.subject}</Link>;
}

/** The same trace as the graph, one row per chain, for screen readers and narrow screens. */
export function TraceTable({ graph }: { graph: TraceGraph }) {
  return (
    <table className="data trace-chains">
      <caption className="sr-only">Trace chains from assumption to training, with their gaps</caption>
      <thead>
        <tr>
          <th scope="col">Requirement</th>
          <th scope="col">Assumption</th>
          <th scope="col">Experiments</th>
          <th scope="col">Learnings</th>
          <th scope="col">Documents</th>
          <th scope="col">Training</th>
          <th scope="col">Gaps</th>
        </tr>
      </thead>
      <tbody>
        {graph.rows.map((row, i) => (
          <tr key={row.requirement?.id ?? row.assumption?.id ?? `row-${i}`}>
            <th scope="row" data-label="Requirement">
              {row.requirement === null ? <span className="hint">none</span> : <Subject node={row.requirement} />}
            </th>
            <td data-label="Assumption">
              {row.assumption === null ? <span className="hint">none</span> : <Subject node={row.assumption} />}
            </td>
            <td data-label="Experiments">
              <Subjects nodes={row.experiments} />
            </td>
            <td data-label="Learnings">
              <Subjects nodes={row.learnings} />
            </td>
            <td data-label="Documents">
              <Subjects nodes={row.documents} />
            </td>
            <td data-label="Training">
              <Subjects nodes={row.training} />
            </td>
            <td data-label="Gaps">
              {row.gaps.length === 0 ? (
                <span className="met">none</span>
              ) : (
                <ul className="plain">
                  {row.gaps.map((g, j) => (
                    <li key={j} className="missing">
                      ⚠ {GAP_LABELS[g.kind]}: {g.subject}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Subjects({ nodes }: { nodes: TraceNode[] }) {
  if (nodes.length === 0) return <span className="hint">none</span>;
  return (
    <ul className="plain">
      {nodes.map((n) => (
        <li key={n.id}>
          <Subject node={n} />
        </li>
      ))}
    </ul>
  );
}

function Subject({ node }: { node: TraceNode }) {
  const heading = node.column === 'training' ? node.text : node.heading;
  const text = node.column === 'training' ? '' : node.text;
  return (
    <>
      <Link to={node.href}>{heading}</Link>
      {text !== '' && <> {text}</>}
      {node.status !== '' && <span className="hint"> ({node.status})</span>}
    </>
  );
}
