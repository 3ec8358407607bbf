import { useEvidence } from './queries';

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);
const ids = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
/** The snapshot keeps the rows as they were read; either spelling of a field is accepted. */
const field = (row: Row, camel: string): string => {
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const value = row[camel] ?? row[snake];
  return value === null || value === undefined ? '—' : String(value);
};

/** The evidence frozen when the review opened, with its hash: what every gatekeeper saw, never edited since. */
export function EvidencePanel({ reviewId }: { reviewId: string }) {
  const evidence = useEvidence(reviewId, true);
  const e = evidence.data;
  if (e === undefined) return null;
  const content = e.content as Row;
  const experiments = rows(content.experiments);
  const learnings = rows(content.learnings);
  return (
    <section className="panel" aria-labelledby="evidence">
      <h2 id="evidence">Evidence snapshot</h2>
      <p className="hint">
        Frozen {new Date(e.createdAt).toLocaleString()} · SHA-256 <code>{e.contentHash}</code>
      </p>
      <h3>Deliverables</h3>
      <ul className="plain">
        {rows(content.deliverables).map((d) => (
          <li key={`${field(d, 'gate')}-${field(d, 'key')}`}>
            {field(d, 'gate')} · {field(d, 'name')} <span className="tag">{field(d, 'status')}</span>{' '}
            <span className="hint">{field(d, 'note')}</span>
          </li>
        ))}
      </ul>
      <h3>Assumptions and the experiments that tested them</h3>
      <ul className="plain">
        {rows(content.assumptions).map((a) => (
          <li key={field(a, 'id')}>
            <strong>{field(a, 'statement')}</strong> <span className="tag">{field(a, 'status')}</span>{' '}
            <span className="hint">
              {field(a, 'riskKind')}, importance {field(a, 'importance')}
            </span>
            <ul>
              {experiments
                .filter((x) => ids(x.assumptionIds ?? x.assumption_ids).includes(field(a, 'id')))
                .map((x) => (
                  <li key={field(x, 'id')}>
                    {field(x, 'hypothesis')}: {field(x, 'metric')} {field(x, 'comparison')} {field(x, 'threshold')} →
                    observed {field(x, 'value')} (n={field(x, 'sampleSize')}){' '}
                    <span className="tag">{field(x, 'result')}</span>
                    <ul>
                      {learnings
                        .filter((l) => field(l, 'experimentId') === field(x, 'id'))
                        .map((l) => (
                          <li key={field(l, 'id')}>
                            Learnt: {field(l, 'observed')} — {field(l, 'belief')} ({field(l, 'decision')},{' '}
                            {field(l, 'confidence')})
                          </li>
                        ))}
                    </ul>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      <h3>All current learnings</h3>
      <ul className="plain">
        {learnings.map((l) => (
          <li key={field(l, 'id')}>
            {field(l, 'observed')} — {field(l, 'belief')} <span className="hint">({field(l, 'decision')})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
