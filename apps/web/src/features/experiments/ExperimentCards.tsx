import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { NewExperiment } from './NewExperiment';
import { logKey, useExperimentResult, useExperiments, type Experiment } from './queries';

/** Test cards: the threshold is fixed before the start and frozen from then on; a result is judged against it. */
export function ExperimentCards({ initiativeId, mayWrite }: { initiativeId: string; mayWrite: boolean }) {
  const experiments = useExperiments(initiativeId);
  return (
    <section className="panel" aria-labelledby="experiments">
      <h2 id="experiments">Experiments</h2>
      <ProblemMessage error={experiments.error} />
      {experiments.data?.length === 0 && <p>No experiment yet.</p>}
      <ul className="plain cards">
        {experiments.data?.map((e) => (
          <ExperimentCard key={e.id} experiment={e} mayWrite={mayWrite} />
        ))}
      </ul>
      {mayWrite && <NewExperiment initiativeId={initiativeId} />}
    </section>
  );
}

function ExperimentCard({ experiment: e, mayWrite }: { experiment: Experiment; mayWrite: boolean }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: logKey(e.initiativeId) });
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/experiments/{id}/start', { params: { path: { id: e.id } } })),
    onSuccess: refresh,
  });
  const frozen = e.status !== 'planned';
  return (
    <li className="card experiment" aria-label={`Experiment: ${e.hypothesis}`}>
      <p>
        <strong>{e.hypothesis}</strong> <span className="tag">{e.status}</span>
      </p>
      <p className="hint">
        {e.method} · measure {e.metric}
      </p>
      <p>
        Success when {e.metric} {e.comparison} <strong>{e.threshold}</strong> with at least {e.minimumSample}{' '}
        observations{' '}
        {frozen && (
          <span className="tag frozen" title="Fixed when the experiment started">
            threshold frozen
          </span>
        )}
      </p>
      {mayWrite && e.status === 'planned' && (
        <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
          Start experiment
        </button>
      )}
      {e.status === 'completed' && <ResultLine experiment={e} />}
      {mayWrite && e.status === 'running' && <RecordResult experiment={e} onDone={refresh} />}
      <ProblemMessage error={start.error} />
    </li>
  );
}

/** What was observed, judged against the frozen threshold. */
function ResultLine({ experiment: e }: { experiment: Experiment }) {
  const result = useExperimentResult(e.initiativeId, e.id);
  if (result.error !== null) return <ProblemMessage error={result.error} />;
  const r = result.data;
  if (r === undefined || r === null) return null;
  return (
    <p>
      Observed {e.metric} <strong>{r.value}</strong> with {r.sampleSize} observations:{' '}
      <span className={r.result === 'validated' ? 'tag state-done' : 'tag'}>{r.result}</span>
    </p>
  );
}

function RecordResult({ experiment: e, onDone }: { experiment: Experiment; onDone: () => Promise<void> }) {
  const [value, setValue] = useState('');
  const [sampleSize, setSampleSize] = useState('');
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/experiments/{id}/result', {
          params: { path: { id: e.id } },
          body: { value: Number(value), sampleSize: Number(sampleSize) },
        }),
      ),
    onSuccess: onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  return (
    <form className="row-form" onSubmit={submit} aria-label={`Result of ${e.hypothesis}`}>
      <TextField
        label={`Observed ${e.metric}`}
        name="value"
        type="number"
        step="any"
        required
        value={value}
        onChange={(ev) => setValue(ev.target.value)}
        error={record.error}
      />
      <TextField
        label="Sample size"
        name="sampleSize"
        type="number"
        min={1}
        step={1}
        required
        value={sampleSize}
        onChange={(ev) => setSampleSize(ev.target.value)}
        error={record.error}
      />
      <button type="submit" disabled={record.isPending}>
        Record result
      </button>
      <ProblemMessage error={record.error} />
    </form>
  );
}
