import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextArea } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { LEARNINGS_PAGE, page, splitLearnings } from './learning-pages';
import { logKey, useExperiments, useLearnings, type Learning } from './queries';

type Input = components['schemas']['LearningInputDto'];
const DECISIONS: Input['decision'][] = ['persevere', 'pivot', 'kill'];
const CONFIDENCES: Input['confidence'][] = ['low', 'medium', 'high'];

/** Learnings are appended, never edited: a better one supersedes an older one, which stays readable. */
export function LearningsPanel({ initiativeId, mayWrite }: { initiativeId: string; mayWrite: boolean }) {
  const learnings = useLearnings(initiativeId);
  const { current, superseded } = useMemo(() => splitLearnings(learnings.data ?? []), [learnings.data]);
  const [shown, setShown] = useState(LEARNINGS_PAGE);
  const { visible, hidden, next } = page(current, shown);
  return (
    <section className="panel" aria-labelledby="learnings">
      <h2 id="learnings">Learnings</h2>
      <ProblemMessage error={learnings.error} />
      {mayWrite && <NewLearning initiativeId={initiativeId} current={current} />}
      {learnings.data?.length === 0 && <p>No learning yet.</p>}
      <ul className="plain">
        {visible.map((l) => (
          <LearningCard key={l.id} learning={l} />
        ))}
      </ul>
      {hidden > 0 && (
        <button type="button" className="secondary" onClick={() => setShown(shown + next)}>
          Show {next} more <span className="hint">({hidden} older not shown)</span>
        </button>
      )}
      {superseded.length > 0 && <SupersededLearnings learnings={superseded} />}
    </section>
  );
}

/** Superseded learnings stay readable, but their cards are only mounted while someone reads them. */
function SupersededLearnings({ learnings }: { learnings: Learning[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{learnings.length} superseded</summary>
      {open && (
        <ul className="plain superseded">
          {learnings.map((l) => (
            <LearningCard key={l.id} learning={l} />
          ))}
        </ul>
      )}
    </details>
  );
}

function LearningCard({ learning: l }: { learning: Learning }) {
  return (
    <li className="card learning">
      <p>
        <strong>Observed:</strong> {l.observed}
      </p>
      <p>
        <strong>We now believe:</strong> {l.belief}
      </p>
      <p className="hint">
        {l.decision} · confidence {l.confidence} · {new Date(l.createdAt).toLocaleDateString()}
        {l.supersedesId !== null && ' · supersedes an earlier learning'}
      </p>
    </li>
  );
}

function NewLearning({ initiativeId, current }: { initiativeId: string; current: Learning[] }) {
  const client = useQueryClient();
  const experiments = useExperiments(initiativeId);
  const blank = () => ({
    observed: '',
    belief: '',
    decision: 'persevere' as Input['decision'],
    confidence: 'medium' as Input['confidence'],
    experimentId: '',
    supersedes: '',
    key: crypto.randomUUID(),
  });
  const [form, setForm] = useState(blank);
  const [open, setOpen] = useState(false);
  const set = (key: keyof ReturnType<typeof blank>) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const append = useMutation({
    // The key makes a retried submit (a lost answer, a double click) store the learning once.
    mutationFn: () =>
      unwrap(
        api.POST('/api/initiatives/{id}/learnings', {
          params: { path: { id: initiativeId } },
          body: {
            observed: form.observed,
            belief: form.belief,
            decision: form.decision,
            confidence: form.confidence,
            idempotencyKey: form.key,
            ...(form.experimentId === '' ? {} : { experimentId: form.experimentId }),
            ...(form.supersedes === '' ? {} : { supersedes: form.supersedes }),
          },
        }),
      ),
    onSuccess: () => {
      setForm(blank());
      setOpen(false);
      void client.invalidateQueries({ queryKey: logKey(initiativeId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    append.mutate();
  };
  return (
    <details className="new-item" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>New learning</summary>
      {/* Mounted only while open: the Supersedes choice lists every current learning. */}
      {open && (
        <form onSubmit={submit} aria-label="New learning">
          <TextArea
            label="What we observed"
            name="observed"
            rows={2}
            required
            value={form.observed}
            onChange={set('observed')}
            error={append.error}
          />
          <TextArea
            label="What we now believe"
            name="belief"
            rows={2}
            required
            value={form.belief}
            onChange={set('belief')}
            error={append.error}
          />
          <div className="row-form">
            <SelectField
              label="Decision"
              name="decision"
              value={form.decision}
              onChange={set('decision')}
              options={DECISIONS.map((d) => ({ value: d, label: d }))}
              error={append.error}
            />
            <SelectField
              label="Confidence"
              name="confidence"
              value={form.confidence}
              onChange={set('confidence')}
              options={CONFIDENCES.map((c) => ({ value: c, label: c }))}
              error={append.error}
            />
            <SelectField
              label="From experiment"
              name="experimentId"
              value={form.experimentId}
              onChange={set('experimentId')}
              options={[
                { value: '', label: 'None' },
                ...(experiments.data ?? []).map((x) => ({ value: x.id, label: x.hypothesis })),
              ]}
              error={append.error}
            />
            <SelectField
              label="Supersedes"
              name="supersedes"
              value={form.supersedes}
              onChange={set('supersedes')}
              options={[
                { value: '', label: 'Nothing' },
                ...current.map((l) => ({ value: l.id, label: l.observed.slice(0, 60) })),
              ]}
              error={append.error}
            />
          </div>
          <ProblemMessage error={append.error} />
          <button type="submit" disabled={append.isPending}>
            Append learning
          </button>
        </form>
      )}
    </details>
  );
}
