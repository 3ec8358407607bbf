import { Link, useSearchParams } from 'react-router';
import { hasRole, useMe } from '../../app/session';
import { SelectField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AUDIT_STATUS_LABELS, optionsOf } from './audit-labels';
import { useProgramme, type ProgrammeFilters } from './queries';

/** The audit programme (ISO 9001 9.2.2 a): every internal audit by planned date, filtered by status. */
export function AuditProgramme() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const filters: ProgrammeFilters = status === '' ? {} : { status: status as ProgrammeFilters['status'] };
  const programme = useProgramme(filters);
  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === '') next.delete('status');
    else next.set('status', value);
    setParams(next, { replace: true });
  };
  return (
    <section>
      <h1>Internal audits</h1>
      {hasRole(me, ['quality_head']) && (
        <p>
          <Link to="/audits/new">Plan an audit</Link>
        </p>
      )}
      <form className="filters" aria-label="Filter the programme" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Status"
          name="status"
          value={status}
          options={[{ value: '', label: 'Any' }, ...optionsOf(AUDIT_STATUS_LABELS)]}
          onChange={(e) => setStatus(e.target.value)}
        />
      </form>
      <ProblemMessage error={programme.error} />
      <table className="data">
        <caption className="sr-only">Audit programme</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Planned for</th>
            <th scope="col">Scope</th>
            <th scope="col">Auditor</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {programme.data?.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/audits/${a.id}`}>{a.number}</Link>
              </td>
              <td>{a.plannedFor}</td>
              <td>{a.scope.length > 120 ? `${a.scope.slice(0, 120)}…` : a.scope}</td>
              <td>{a.auditorName}</td>
              <td>{AUDIT_STATUS_LABELS[a.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {programme.data?.length === 0 && <p>No audit matches.</p>}
    </section>
  );
}
