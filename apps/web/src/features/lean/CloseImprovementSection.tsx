import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { TextArea } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { NEW_STEP, type Step } from './lean-figures';
import { useImprovementMutation, useValueStream, type Improvement } from './queries';
import { StepsEditor } from './StepsEditor';

/**
 * Close with the effect measured: the process's steps as they run now, set against the baseline. Once every action
 * is done; after this the event is a record the database keeps as it is.
 */
export function CloseImprovementSection({ event }: { event: Improvement }) {
  const stream = useValueStream(event.valueStreamId);
  const latest = stream.data?.measurements[stream.data.measurements.length - 1];
  const open = event.actions.filter((a) => a.doneAt === null).length;
  return (
    <section className="panel" aria-labelledby="close-improvement">
      <h2 id="close-improvement">Close with its effect measured</h2>
      {open > 0 ? (
        <p className="hint">
          {open} action{open === 1 ? '' : 's'} still open: the event closes once every action is done.
        </p>
      ) : stream.data === undefined ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <CloseForm event={event} initial={latest?.steps ?? [NEW_STEP]} />
      )}
    </section>
  );
}

function CloseForm({ event, initial }: { event: Improvement; initial: Step[] }) {
  const [steps, setSteps] = useState<Step[]>(initial);
  const [note, setNote] = useState('');
  const close = useImprovementMutation(event.id, () =>
    unwrap(api.POST('/api/improvements/{id}/close', { params: { path: { id: event.id } }, body: { steps, note } })),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    close.mutate(undefined);
  };
  return (
    <form onSubmit={submit} aria-label="Close with a measurement">
      <StepsEditor steps={steps} onChange={setSteps} error={close.error} label="Measured" />
      <TextArea
        label="What changed"
        name="note"
        rows={3}
        required
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={close.error}
      />
      <ProblemMessage error={close.error} />
      <button type="submit" disabled={close.isPending}>
        Close the event
      </button>
    </form>
  );
}
