import { Link } from 'react-router';
import { checklistDetail, roleLabel } from '../../app/labels';
import { kpisOf, type Package } from './queries';
import { DOCUMENT_STATE_LABELS, DOCUMENT_TYPE_LABELS } from '../qms/document-labels';

/** What the quality head receives: requirements with the evidence behind each, risks, the process record, the checklist. */
export function PackageContents({ pkg }: { pkg: Package }) {
  const record = pkg.processRecord;
  return (
    <>
      <section className="panel" aria-labelledby="requirements">
        <h2 id="requirements">Requirements and their evidence</h2>
        <ul className="plain">
          {pkg.requirements.map((r) => (
            <li key={r.key}>
              <strong>{r.key}</strong> {r.text}
              <p className="hint">
                From {r.experimentIds.length} experiment(s) and {r.learningIds.length} learning(s) —{' '}
                <Link to={`/initiatives/${pkg.initiativeId}/experiments`}>see the experiment log</Link>
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="risks">
        <h2 id="risks">Risks and controls</h2>
        <ul className="plain">
          {pkg.risks.map((r) => (
            <li key={r.key}>
              {r.text} —{' '}
              {r.control === null ? <span className="missing">no control yet</span> : <span>control: {r.control}</span>}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="process-record">
        <h2 id="process-record">Process record</h2>
        <dl className="facts">
          <div>
            <dt>Inputs</dt>
            <dd>{record?.inputs.join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>Outputs</dt>
            <dd>{record?.outputs.join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>Resources</dt>
            <dd>{record?.resources.join(', ') || '—'}</dd>
          </div>
          {kpisOf(pkg).map((k) => (
            <div key={k.name}>
              <dt>KPI {k.name}</dt>
              <dd>
                {k.baseline === null ? (
                  <span className="missing">baseline to be measured</span>
                ) : (
                  `${k.baseline} ${k.unit}`
                )}
              </dd>
            </div>
          ))}
          <div>
            <dt>Roles to train</dt>
            <dd>{pkg.trainingRoles.map(roleLabel).join(', ') || '—'}</dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="checklist">
        <h2 id="checklist">Transfer readiness</h2>
        <ul className="plain">
          {pkg.checklist.map((c) => (
            <li key={c.key} className={c.done ? 'met' : 'missing'}>
              {c.done ? '✓' : '✗'} {c.text} <span className="hint">{checklistDetail(c)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="documents">
        <h2 id="documents">Draft documents</h2>
        <ul className="plain">
          {pkg.documents.map((d) => (
            <li key={d.id}>
              <Link to={`/documents/${d.id}`}>
                {d.number ?? 'unnumbered'} {d.title}
              </Link>{' '}
              <span className="tag">{DOCUMENT_TYPE_LABELS[d.documentType]}</span>{' '}
              <span className="hint">{DOCUMENT_STATE_LABELS[d.status]}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
