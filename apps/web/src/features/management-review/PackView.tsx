import { figureNodes, type FigureNode } from './pack-figures';
import type { ManagementReview } from './queries';

/** The pack by clause: each input under the clause of ISO 9001 / ISO 56001 9.3.2 that asks for it. */
export function PackView({ review }: { review: ManagementReview }) {
  if (review.pack === null)
    return (
      <section className="panel" aria-labelledby="pack" aria-busy="true">
        <h2 id="pack">Pack</h2>
        <p>The pack is being assembled; this page fills in when it is ready.</p>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="pack">
      <h2 id="pack">Pack</h2>
      <p>
        Assembled {review.pack.assembledAt.slice(0, 16).replace('T', ' ')} UTC for {review.pack.period.from} to{' '}
        {review.pack.period.to}. SHA-256 <code className="hash">{review.packSha256}</code>
        {!review.packReady && ' — a newer pack is being assembled.'}
      </p>
      {review.pack.clauses.map((clause) => (
        <section key={clause.clause} aria-labelledby={`clause-${clause.clause}`} className="pack-clause">
          <h3 id={`clause-${clause.clause}`}>
            {clause.clause.replace('-', ' ')} — {clause.title}
          </h3>
          {clause.sections.map((section) => (
            <details key={section.key} open>
              <summary>
                <strong>{section.title}</strong>
                {section.clauses.length > 1 && (
                  <>
                    {' '}
                    (also{' '}
                    {section.clauses
                      .slice(1)
                      .map((c) => c.replace('-', ' '))
                      .join(', ')}
                    )
                  </>
                )}
              </summary>
              <p className="hint">{section.source}</p>
              <Figures nodes={figureNodes(section.figures)} />
            </details>
          ))}
        </section>
      ))}
    </section>
  );
}

function Figures({ nodes }: { nodes: FigureNode[] }) {
  return (
    <dl className="figures">
      {nodes.map((node, i) => (
        <div key={`${node.label}-${i}`} className={node.kind === 'value' ? 'figure' : 'figure nested'}>
          <dt>{node.label}</dt>
          <dd>
            {node.kind === 'value' && node.value}
            {node.kind === 'group' && <Figures nodes={node.children} />}
            {node.kind === 'table' && <FigureTable node={node} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FigureTable({ node }: { node: Extract<FigureNode, { kind: 'table' }> }) {
  return (
    <div className="table-scroll">
      <table className="data">
        <caption className="sr-only">{node.label}</caption>
        <thead>
          <tr>
            {node.headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {node.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={node.columns[j]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
