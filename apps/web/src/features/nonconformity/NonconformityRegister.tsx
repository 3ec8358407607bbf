import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import {
  filtersOf,
  NC_SEVERITY_LABELS,
  NC_SOURCE_LABELS,
  NC_STATUS_LABELS,
  NC_SUBJECT_LABELS,
  optionsOf,
} from './nonconformity-labels';
import { useRegister, type RegisterFilters } from './queries';

const ANY = { value: '', label: 'Any' };

/** The nonconformity register: every NC, newest first, filtered by status, severity and source. */
export function NonconformityRegister() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params) as RegisterFilters;
  const register = useRegister(filters);
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value === '') next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };
  return (
    <section>
      <h1>Nonconformities</h1>
      <p>
        <Link to="/nonconformities/new">Raise a nonconformity</Link>
      </p>
      <form className="filters" aria-label="Filter the register" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Status"
          name="status"
          value={filters.status ?? ''}
          options={[ANY, ...optionsOf(NC_STATUS_LABELS)]}
          onChange={(e) => setFilter('status', e.target.value)}
        />
        <SelectField
          label="Severity"
          name="severity"
          value={filters.severity ?? ''}
          options={[ANY, ...optionsOf(NC_SEVERITY_LABELS)]}
          onChange={(e) => setFilter('severity', e.target.value)}
        />
        <SelectField
          label="Source"
          name="source"
          value={filters.source ?? ''}
          options={[ANY, ...optionsOf(NC_SOURCE_LABELS)]}
          onChange={(e) => setFilter('source', e.target.value)}
        />
      </form>
      <ProblemMessage error={register.error} />
      <table className="data">
        <caption className="sr-only">Nonconformities</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Description</th>
            <th scope="col">Severity</th>
            <th scope="col">Source</th>
            <th scope="col">About</th>
            <th scope="col">Status</th>
            <th scope="col">Raised</th>
          </tr>
        </thead>
        <tbody>
          {register.data?.map((n) => (
            <tr key={n.id}>
              <td>
                <Link to={`/nonconformities/${n.id}`}>{n.number}</Link>
              </td>
              <td>{n.description.length > 120 ? `${n.description.slice(0, 120)}…` : n.description}</td>
              <td>{NC_SEVERITY_LABELS[n.severity]}</td>
              <td>{NC_SOURCE_LABELS[n.source]}</td>
              <td>{n.subjectType === null ? 'Stand-alone' : NC_SUBJECT_LABELS[n.subjectType]}</td>
              <td>{NC_STATUS_LABELS[n.status]}</td>
              <td>{new Date(n.raisedAt).toLocaleDateString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {register.data?.length === 0 && <p>No nonconformity matches.</p>}
    </section>
  );
}
