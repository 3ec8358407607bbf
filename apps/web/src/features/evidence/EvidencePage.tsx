import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';
import { coverageLine, exportUrl, rangeOf } from './evidence-range';
import { useEvidence, type EvidenceClause } from './queries';

export const EVIDENCE_ROLES = ['auditor', 'quality_head', 'leadership'] as const;

/** Evidence for auditors: a period's records by ISO clause, the clauses with none, and the two exports. */
export function EvidencePage() {
  return (
    <RequireRole roles={EVIDENCE_ROLES}>
      <Evidence />
    </RequireRole>
  );
}

function Evidence() {
  const [params, setParams] = useSearchParams();
  const range = rangeOf(params, new Date());
  const [draft, setDraft] = useState(range);
  const evidence = useEvidence(range);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(new URLSearchParams({ from: draft.from, to: draft.to }), { replace: true });
  };
  const data = evidence.isError ? undefined : evidence.data;
  return (
    <section>
      <h1>Evidence for auditors</h1>
      <p>
        Every record of the audit trail in the period, filed under the ISO 56001 and ISO 9001 clauses it evidences. Each
        export is recorded; check a ZIP against the trail with{' '}
        <code className="command">npm run audit:verify -- --evidence</code>.
      </p>
      <form className="filters" aria-label="Period" onSubmit={submit}>
        <TextField
          label="From"
          name="from"
          type="date"
          value={draft.from}
          error={evidence.error}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          label="To"
          name="to"
          type="date"
          value={draft.to}
          error={evidence.error}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <div className="field">
          <button type="submit">Show evidence</button>
        </div>
      </form>
      <ProblemMessage error={evidence.error} />
      {evidence.isPending && <p role="status">Reading the audit trail…</p>}
      {data !== undefined && (
        <>
          <div className="actions evidence-exports" role="group" aria-label="Exports">
            <a className="button" href={exportUrl('pdf', range)} download>
              Download PDF
            </a>
            <a className="button" href={exportUrl('zip', range)} download>
              Download ZIP of records
            </a>
          </div>
          <h2>Coverage</h2>
          <p role="status">
            {coverageLine(data.clauses.length - data.missing.length, data.clauses.length)}: {data.recordCount} record
            {data.recordCount === 1 ? '' : 's'} from {data.from} to {data.to}.
          </p>
          {data.missing.length > 0 ? (
            <>
              <h3>No evidence in the period</h3>
              <ul className="missing-clauses">
                {data.missing.map((c) => (
                  <li key={c.id}>
                    <span className="missing">{c.title}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>Every clause has evidence in the period.</p>
          )}
          <h2>By clause</h2>
          {data.clauses
            .filter((c) => c.recordCount > 0)
            .map((c) => (
              <ClauseSection key={c.id} clause={c} />
            ))}
        </>
      )}
    </section>
  );
}

function ClauseSection({ clause }: { clause: EvidenceClause }) {
  return (
    <section className="panel evidence-clause" aria-labelledby={`clause-${clause.id}`}>
      <h3 id={`clause-${clause.id}`}>
        {clause.title} <span className="count">{clause.recordCount}</span>
      </h3>
      <table className="data">
        <caption className="sr-only">Latest records for {clause.title}</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">What</th>
            <th scope="col">By</th>
            <th scope="col">Record</th>
            <th scope="col">Signatures</th>
            <th scope="col">Content hash</th>
          </tr>
        </thead>
        <tbody>
          {clause.records.map((r) => (
            <tr key={r.id}>
              <td>{r.occurredAt.slice(0, 16).replace('T', ' ')}</td>
              <td>{r.action}</td>
              <td>{r.actorLabel}</td>
              <td>{r.link === null ? r.entityType : <Link to={r.link}>{r.entityType.replace(/_/g, ' ')}</Link>}</td>
              <td>{r.signatures}</td>
              <td>
                <code title={r.contentHash}>{r.contentHash.slice(0, 12)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {clause.recordCount > clause.records.length && (
        <p className="hint">
          The latest {clause.records.length} of {clause.recordCount}; the exports hold them all.
        </p>
      )}
    </section>
  );
}
