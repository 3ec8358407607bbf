import { Link, useParams } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { OriginLink } from '../opportunity/origin';
import { usePackage, useTrace } from './queries';
import { buildTraceGraph } from './trace-graph';
import { layoutTrace } from './trace-layout';
import { TraceGraph } from './TraceGraph';
import { TraceGaps, TraceTable } from './TraceTable';

/** A package's trace from assumption to training as a graph, its gaps, and the same chains as a table. */
export function TracePage() {
  const { id = '' } = useParams();
  const pkg = usePackage(id);
  const trace = useTrace(id);
  if (pkg.isPending || trace.isPending) return <p aria-busy="true">Loading…</p>;
  if (pkg.isError || trace.isError) return <ProblemMessage error={pkg.error ?? trace.error} />;
  const graph = buildTraceGraph(trace.data, pkg.data);
  const layout = layoutTrace(graph);
  const gaps = graph.gaps.length;
  return (
    <section>
      <header className="page-head">
        <h1>Trace: {pkg.data.productDefinition.title || 'handover package'}</h1>
        <p className="facts-line">
          {graph.rows.length} chain(s) ·{' '}
          {gaps === 0 ? (
            <span className="met">no gaps</span>
          ) : (
            <span className="missing">{gaps === 1 ? '1 gap' : `${gaps} gaps`}</span>
          )}
        </p>
        {trace.data.origin !== null && (
          <p className="origin-line">
            Origin: raised from <OriginLink origin={trace.data.origin} />, at the start of every chain
          </p>
        )}
        <nav className="subnav" aria-label="Trace">
          <Link to={`/packages/${id}`}>The package</Link>
          <a href={`/api/handover-packages/${id}/dossier.pdf`}>Dossier (PDF)</a>
        </nav>
      </header>
      <section className="panel" aria-labelledby="trace-gaps">
        <h2 id="trace-gaps">Gaps</h2>
        <TraceGaps graph={graph} />
      </section>
      <figure className="panel trace-figure">
        <figcaption id="trace-graph-caption">
          <h2>Trace graph</h2>
          <p className="hint">
            Assumption → experiment → learning → requirement → document → training. Each box opens its page; on a narrow
            screen the graph scrolls sideways, and the table below says the same.
          </p>
        </figcaption>
        <TraceGraph layout={layout} labelledBy="trace-graph-caption" />
        <ul className="trace-legend" aria-label="Legend">
          <li>
            <span className="swatch" aria-hidden="true" /> evidence, in order
          </li>
          <li>
            <span className="swatch gap" aria-hidden="true" /> a gap: the box says which (⚠ Gap: …)
          </li>
          <li>
            <span className="swatch risk" aria-hidden="true" /> dashed: an untested assumption cited as a risk
          </li>
        </ul>
      </figure>
      <section className="panel" aria-labelledby="trace-chains">
        <h2 id="trace-chains">Chains as a table</h2>
        <TraceTable graph={graph} />
      </section>
    </section>
  );
}
