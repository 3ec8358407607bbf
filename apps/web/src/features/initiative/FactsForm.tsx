import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiProblem, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { formatMoney } from '../portfolio/labels';
import { initiativeKey, type Initiative } from './queries';

const TEXTS = [
  ['title', 'Title'],
  ['problem', 'Problem'],
  ['valueHypothesis', 'Value hypothesis'],
  ['strategicObjective', 'Strategic objective'],
  ['source', 'Source'],
] as const;

const NUMBERS = [
  ['npv', 'NPV (€)', 'any'],
  ['probabilityCommercial', 'Probability of commercial success (0–1)', '0.01'],
  ['probabilityTechnical', 'Probability of technical success (0–1)', '0.01'],
  ['commercializationCost', 'Commercialisation cost (€)', 'any'],
  ['remainingDevelopmentCost', 'Remaining development cost (€)', 'any'],
  ['costToDate', 'Cost to date (€)', 'any'],
] as const;

type Draft = Record<(typeof TEXTS)[number][0] | (typeof NUMBERS)[number][0], string>;

function draftOf(i: Initiative): Draft {
  const text = (v: string | null | undefined) => v ?? '';
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    title: i.title,
    problem: text(i.problem),
    valueHypothesis: text(i.valueHypothesis),
    strategicObjective: text(i.strategicObjective),
    source: text(i.source),
    npv: num(i.npv),
    probabilityCommercial: num(i.probabilityCommercial),
    probabilityTechnical: num(i.probabilityTechnical),
    commercializationCost: num(i.commercializationCost),
    remainingDevelopmentCost: num(i.remainingDevelopmentCost),
    costToDate: num(i.costToDate),
  };
}

/** Only what changed is sent, with the version it was read at: a stale version is a 409, shown with a reload. */
function changes(i: Initiative, draft: Draft): Record<string, string | number | null> {
  const before = draftOf(i);
  const out: Record<string, string | number | null> = {};
  for (const [key] of TEXTS) if (draft[key] !== before[key]) out[key] = draft[key];
  for (const [key] of NUMBERS) if (draft[key] !== before[key]) out[key] = draft[key] === '' ? null : Number(draft[key]);
  return out;
}

export function FactsForm({ initiative }: { initiative: Initiative }) {
  const me = useMe();
  const client = useQueryClient();
  const mayEdit = initiative.ownerId === me.userId || hasRole(me, ['admin']);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initiative));
  const [changedByOthers, setChangedByOthers] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/initiatives/{id}', {
          params: { path: { id: initiative.id } },
          body: { version: initiative.version, ...changes(initiative, draft) } as never,
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData(initiativeKey(initiative.id), saved);
      setEditing(false);
    },
    onError: async (error) => {
      if (!(error instanceof ApiProblem) || !error.isConflict) return;
      // Say what changed: compare the latest version with the one this form was opened on.
      const latest = await unwrap(api.GET('/api/initiatives/{id}', { params: { path: { id: initiative.id } } })).catch(
        () => null,
      );
      if (latest === null) return;
      const [before, after] = [draftOf(initiative), draftOf(latest)];
      setChangedByOthers(
        [...TEXTS, ...NUMBERS].filter(([key]) => before[key] !== after[key]).map(([, label]) => label),
      );
    },
  });
  const reload = async () => {
    await client.invalidateQueries({ queryKey: initiativeKey(initiative.id) });
    const fresh = client.getQueryData<Initiative>(initiativeKey(initiative.id));
    if (fresh !== undefined) setDraft(draftOf(fresh));
    setChangedByOthers(null);
    save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  if (!editing) {
    return (
      <section className="panel" aria-labelledby="facts">
        <h2 id="facts">Facts and financials</h2>
        <dl className="facts">
          {TEXTS.slice(1).map(([key, label]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd>{initiative[key] ?? '—'}</dd>
            </div>
          ))}
          {NUMBERS.map(([key, label]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd>{key.startsWith('probability') ? (initiative[key] ?? '—') : formatMoney(initiative[key])}</dd>
            </div>
          ))}
          <div>
            <dt>Expected commercial value</dt>
            <dd>
              {formatMoney(initiative.ecv)} <small className="hint">((NPV × Pcs − C) × Pts) − D</small>
            </dd>
          </div>
        </dl>
        {mayEdit && (
          <button
            type="button"
            onClick={() => {
              setDraft(draftOf(initiative));
              setEditing(true);
            }}
          >
            Edit facts
          </button>
        )}
      </section>
    );
  }
  return (
    <form className="panel" aria-labelledby="facts-edit" onSubmit={submit}>
      <h2 id="facts-edit">Edit facts and financials</h2>
      {TEXTS.map(([key, label]) =>
        key === 'title' ? (
          <TextField
            key={key}
            label={label}
            name={key}
            value={draft[key]}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            error={save.error}
          />
        ) : (
          <TextArea
            key={key}
            label={label}
            name={key}
            rows={2}
            value={draft[key]}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            error={save.error}
          />
        ),
      )}
      {NUMBERS.map(([key, label, step]) => (
        <TextField
          key={key}
          label={label}
          name={key}
          type="number"
          step={step}
          value={draft[key]}
          onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          error={save.error}
        />
      ))}
      {changedByOthers !== null && changedByOthers.length > 0 && (
        <p className="problem" role="status">
          Changed by someone else since you opened it: {changedByOthers.join(', ')}.
        </p>
      )}
      <ProblemMessage error={save.error} onReload={() => void reload()} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save
        </button>
        <button type="button" className="secondary" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
