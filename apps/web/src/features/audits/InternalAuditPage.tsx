import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AUDIT_STATUS_LABELS, AUDIT_SUBJECT_LABELS, auditSubjectPath } from './audit-labels';
import { AuditReportSection } from './AuditReportSection';
import { ChecklistSection } from './ChecklistSection';
import { ObservationsSection } from './ObservationsSection';
import { useAudit, useAuditMutation, type Audit } from './queries';

/**
 * One internal audit: what is audited, the checklist with its findings, the NCs raised, the observations (each may
 * raise an opportunity) and the signed report.
 */
export function InternalAuditPage() {
  const { id = '' } = useParams();
  const audit = useAudit(id);
  const me = useMe();
  if (audit.isPending) return <p aria-busy="true">Loading…</p>;
  if (audit.isError) return <ProblemMessage error={audit.error} />;
  const conducting = audit.data.auditorId === me.userId;
  return (
    <article>
      <header className="page-head">
        <h1>
          {audit.data.number} <span className="tag">{AUDIT_STATUS_LABELS[audit.data.status]}</span>
        </h1>
        <p>
          <Link to="/audits">All audits</Link>
        </p>
      </header>
      <Facts audit={audit.data} />
      {conducting && audit.data.status === 'planned' && <StartAudit audit={audit.data} />}
      <ChecklistSection audit={audit.data} editable={conducting && audit.data.status === 'in_progress'} />
      <RaisedNonconformities audit={audit.data} />
      <ObservationsSection audit={audit.data} />
      <AuditReportSection audit={audit.data} editable={conducting} />
    </article>
  );
}

function Facts({ audit }: { audit: Audit }) {
  const subject = auditSubjectPath(audit.subjectType, audit.subjectId);
  return (
    <section className="panel" aria-labelledby="audit-facts">
      <h2 id="audit-facts">What is audited</h2>
      <p>{audit.scope}</p>
      <dl className="facts">
        <div>
          <dt>Planned for</dt>
          <dd>{audit.plannedFor}</dd>
        </div>
        <div>
          <dt>Auditor</dt>
          <dd>{audit.auditorName}</dd>
        </div>
        <div>
          <dt>Planned by</dt>
          <dd>{audit.plannedByName}</dd>
        </div>
        <div>
          <dt>Record audited</dt>
          <dd>
            {subject === null || audit.subjectType === null ? (
              'None'
            ) : (
              <Link to={subject}>{AUDIT_SUBJECT_LABELS[audit.subjectType]}</Link>
            )}
          </dd>
        </div>
        <div>
          <dt>Clauses</dt>
          <dd>{audit.clauses.join(', ')}</dd>
        </div>
      </dl>
    </section>
  );
}

function StartAudit({ audit }: { audit: Audit }) {
  const start = useAuditMutation(audit.id, () =>
    unwrap(api.POST('/api/audits/{id}/start', { params: { path: { id: audit.id } } })),
  );
  return (
    <section className="panel" aria-labelledby="audit-start">
      <h2 id="audit-start">Start</h2>
      <p>Starting makes the checklist: one item per clause in scope.</p>
      <ProblemMessage error={start.error} />
      <button type="button" disabled={start.isPending} onClick={() => start.mutate(undefined)}>
        Start the audit
      </button>
    </section>
  );
}

function RaisedNonconformities({ audit }: { audit: Audit }) {
  const raised = audit.items.filter((i) => i.nonconformityId !== null);
  if (raised.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="audit-ncs">
      <h2 id="audit-ncs">Nonconformities raised</h2>
      <ul className="plain">
        {raised.map((i) => (
          <li key={i.id}>
            <Link to={`/nonconformities/${i.nonconformityId}`}>{i.nonconformityNumber ?? 'Nonconformity'}</Link> —{' '}
            {i.clauseTitle}
          </li>
        ))}
      </ul>
    </section>
  );
}
