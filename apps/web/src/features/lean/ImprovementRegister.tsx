import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';
import { WASTE_LABELS, type Waste } from './lean-figures';
import { LEAN_READERS } from './lean-roles';
import { useImprovements, useValueStreams, type ImprovementFilters } from './queries';

const STATUS_LABELS: Record<string, string> = { open: 'Open', closed: 'Closed' };
const ANY = { value: '', label: 'Any' };

/** The improvement events (kaizen) on controlled processes, newest first, and the form to raise one. */
export function ImprovementRegister() {
  return (
    <RequireRole roles={LEAN_READERS}>
      <Register />
    </RequireRole>
  );
}

function Register() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters: ImprovementFilters = {
    ...(params.get('status') ? { status: params.get('status') as 'open' | 'closed' } : {}),
    ...(params.get('valueStreamId') ? { valueStreamId: params.get('valueStreamId') ?? '' } : {}),
  };
  const list = useImprovements(filters);
  const streams = useValueStreams();
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value === '') next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };
  const streamOptions = (streams.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <section>
      <h1>Improvements</h1>
      <p className="hint">
        Improvement events (kaizen) on controlled processes: the waste they target, their actions and the effect
        measured against the value-stream baseline (ISO 9001 10.3).
      </p>
      <form className="filters" aria-label="Filter the improvements" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Status"
          name="status"
          value={filters.status ?? ''}
          options={[ANY, { value: 'open', label: 'Open' }, { value: 'closed', label: 'Closed' }]}
          onChange={(e) => setFilter('status', e.target.value)}
        />
        <SelectField
          label="Process"
          name="valueStreamId"
          value={filters.valueStreamId ?? ''}
          options={[ANY, ...streamOptions]}
          onChange={(e) => setFilter('valueStreamId', e.target.value)}
        />
      </form>
      <ProblemMessage error={list.error} />
      <table className="data">
        <caption className="sr-only">Improvement events</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Process</th>
            <th scope="col">Waste</th>
            <th scope="col">Problem</th>
            <th scope="col">Status</th>
            <th scope="col">Raised</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.map((e) => (
            <tr key={e.id}>
              <td>
                <Link to={`/improvements/${e.id}`}>{e.number}</Link>
              </td>
              <td>{e.processName}</td>
              <td>{WASTE_LABELS[e.waste as Waste]}</td>
              <td>{e.problem.length > 100 ? `${e.problem.slice(0, 100)}…` : e.problem}</td>
              <td>{STATUS_LABELS[e.status]}</td>
              <td>{new Date(e.raisedAt).toLocaleDateString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <p>No improvement event matches.</p>}
      {hasRole(me, ['quality_head', 'innovation_lead']) && (
        <RaiseImprovement streams={streamOptions} preset={filters.valueStreamId ?? ''} />
      )}
    </section>
  );
}

function RaiseImprovement({ streams, preset }: { streams: { value: string; label: string }[]; preset: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({ valueStreamId: preset, waste: 'waiting' as Waste, problem: '', target: '' });
  const raise = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/value-streams/{id}/improvements', {
          params: { path: { id: form.valueStreamId } },
          body: { waste: form.waste, problem: form.problem, target: form.target },
        }),
      ),
    onSuccess: async (event) => {
      await client.invalidateQueries({ queryKey: ['improvements'] });
      await navigate(`/improvements/${event.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate();
  };
  return (
    <section className="panel" aria-labelledby="raise-improvement">
      <h2 id="raise-improvement">Raise an improvement event</h2>
      <form onSubmit={submit} aria-label="Raise an improvement event">
        <SelectField
          label="Process"
          name="valueStreamId"
          required
          value={form.valueStreamId}
          options={[{ value: '', label: 'Choose a process' }, ...streams]}
          onChange={(e) => setForm({ ...form, valueStreamId: e.target.value })}
          error={raise.error}
          hint="Processes you own (a quality head may raise on any)."
        />
        <SelectField
          label="Waste it targets"
          name="waste"
          required
          value={form.waste}
          options={Object.entries(WASTE_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(e) => setForm({ ...form, waste: e.target.value as Waste })}
          error={raise.error}
        />
        <TextArea
          label="Problem statement"
          name="problem"
          rows={3}
          required
          value={form.problem}
          onChange={(e) => setForm({ ...form, problem: e.target.value })}
          error={raise.error}
        />
        <TextField
          label="Target"
          name="target"
          required
          value={form.target}
          onChange={(e) => setForm({ ...form, target: e.target.value })}
          error={raise.error}
          hint="For example: lead time under two days."
        />
        <ProblemMessage error={raise.error} />
        <button type="submit" disabled={raise.isPending || form.valueStreamId === ''}>
          Raise the event
        </button>
      </form>
    </section>
  );
}
