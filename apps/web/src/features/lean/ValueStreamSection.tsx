import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { formatFraction, formatMinutes, KIND_LABELS, NEW_STEP, type Step } from './lean-figures';
import { LeadTimeLine } from './LeadTimeLine';
import { LEAN_READERS } from './lean-roles';
import { useValueStreamOfProcess, valueStreamKey, type ValueStream } from './queries';
import { StepsEditor } from './StepsEditor';

/**
 * On a handed-over process's package: its value stream (Lean). The baseline, every measurement after it with lead time
 * drawn over time, and the form the process owner (or a quality head) records with. Hidden from roles that may not
 * read it.
 */
export function ValueStreamSection({ processRecordId }: { processRecordId: string }) {
  const me = useMe();
  // Roles that may not read value streams do not ask: the page stays free of refusals for them.
  const reader = hasRole(me, LEAN_READERS);
  const stream = useValueStreamOfProcess(processRecordId, reader);
  if (!reader || stream.isPending) return null;
  if (stream.isError) {
    if (stream.error instanceof ApiProblem && stream.error.status === 404)
      return (
        <section className="panel" id="value-stream" aria-labelledby="value-stream-title">
          <h2 id="value-stream-title">Value stream</h2>
          <p>The value stream opens once the handover is accepted.</p>
        </section>
      );
    return null;
  }
  const s = stream.data;
  const runs = s.ownerId === me.userId || hasRole(me, ['quality_head']);
  const baseline = s.measurements.find((m) => m.kind === 'baseline');
  return (
    <section className="panel" id="value-stream" aria-labelledby="value-stream-title">
      <h2 id="value-stream-title">Value stream</h2>
      {baseline === undefined ? (
        <p>No baseline yet{runs ? ': set it below, once. Later changes are measurements against it.' : '.'}</p>
      ) : (
        <>
          {/* Focusable so a narrow screen can scroll it from the keyboard. */}
          <div className="lean-table-wrap" role="region" aria-label="Value-stream figures" tabIndex={0}>
            <table className="data">
              <caption>Lead time and flow efficiency over time</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Lead time</th>
                  <th scope="col">Process time</th>
                  <th scope="col">Flow efficiency</th>
                  <th scope="col">Rolled %C&amp;A</th>
                </tr>
              </thead>
              <tbody>
                {s.measurements.map((m) => (
                  <tr key={m.id}>
                    <td>{new Date(m.recordedAt).toLocaleDateString()}</td>
                    <td>{KIND_LABELS[m.kind] ?? m.kind}</td>
                    <td>{formatMinutes(m.leadTime)}</td>
                    <td>{formatMinutes(m.processTime)}</td>
                    <td>{formatFraction(m.flowEfficiency)}</td>
                    <td>{formatFraction(m.rolledCa)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LeadTimeLine points={s.measurements.map((m) => ({ at: m.recordedAt, leadTime: m.leadTime }))} />
        </>
      )}
      <p>
        <Link to={`/improvements?valueStreamId=${s.id}`}>
          Improvement events on this process ({s.improvements.length})
        </Link>
      </p>
      {runs && <RecordSteps stream={s} baseline={baseline === undefined} />}
    </section>
  );
}

function RecordSteps({ stream, baseline }: { stream: ValueStream; baseline: boolean }) {
  const client = useQueryClient();
  const last = stream.measurements[stream.measurements.length - 1];
  const [steps, setSteps] = useState<Step[]>(last?.steps ?? [NEW_STEP]);
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        baseline
          ? api.POST('/api/value-streams/{id}/baseline', { params: { path: { id: stream.id } }, body: { steps } })
          : api.POST('/api/value-streams/{id}/measurements', { params: { path: { id: stream.id } }, body: { steps } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: valueStreamKey(stream.processRecordId) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  const title = baseline ? 'Set the value-stream baseline' : 'Record a measurement';
  return (
    <details className="new-item" open={baseline}>
      <summary>{title}</summary>
      <form onSubmit={submit} aria-label={title}>
        <p className="hint">
          Each step in order: minutes of work on one item, minutes it waits before the next step, and the share it hands
          on complete and accurate.
        </p>
        <StepsEditor
          steps={steps}
          onChange={setSteps}
          error={record.error}
          label={baseline ? 'Baseline' : 'Measured'}
        />
        <ProblemMessage error={record.error} />
        <button type="submit" disabled={record.isPending}>
          {baseline ? 'Set the baseline' : 'Record the measurement'}
        </button>
      </form>
    </details>
  );
}
