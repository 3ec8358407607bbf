import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';
import { definitionOf, draftOf, problemForEditor, type DefinitionDraft } from './definition-draft';
import { GateEditor } from './GateEditor';
import { GATES, type ProcessModel } from './model';
import { ActivateDraft } from './ModelActions';
import { processModelKey, PROCESS_MODELS_KEY, useProcessModel } from './queries';

export function ProcessModelEditPage() {
  return (
    <RequireRole roles={['admin']}>
      <EditLoader />
    </RequireRole>
  );
}

function EditLoader() {
  const { id = '' } = useParams();
  const model = useProcessModel(id);
  if (model.isPending) return <p aria-busy="true">Loading…</p>;
  if (model.isError) return <ProblemMessage error={model.error} />;
  const m = model.data;
  if (m.status !== 'draft') {
    return (
      <section className="notice" role="alert">
        <h1>
          {m.name} v{m.version} is {m.status}: frozen
        </h1>
        <p>
          Only a draft changes. <Link to={`/process-models/${m.id}`}>Open v{m.version}</Link> and start a new draft from
          it.
        </p>
      </section>
    );
  }
  return <DraftEditor key={m.id} model={m} />;
}

/** The whole draft in one form: saved at once, checked in full by the API, each problem shown at its box. */
function DraftEditor({ model: m }: { model: ProcessModel }) {
  const client = useQueryClient();
  const [name, setName] = useState(m.name);
  const [draft, setDraft] = useState<DefinitionDraft>(() => draftOf(m.definition));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/process-models/{id}', {
          params: { path: { id: m.id } },
          body: { name, definition: definitionOf(draft) },
        }),
      ),
    onMutate: () => setSaved(false),
    onSuccess: async (after) => {
      client.setQueryData(processModelKey(m.id), after);
      await client.invalidateQueries({ queryKey: PROCESS_MODELS_KEY, exact: true });
      setSaved(true);
    },
  });
  const error = problemForEditor(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section>
      <p>
        <Link to={`/process-models/${m.id}`}>Back to v{m.version}</Link>
      </p>
      <h1>
        Edit draft: {m.name} <span className="count">v{m.version}</span>
      </h1>
      <p className="notice">
        A draft changes nothing for anyone until it is activated. Once active it is frozen, and initiatives keep the
        version they started with.
      </p>
      <form onSubmit={submit} aria-label="Draft process model">
        <TextField
          label="Name of the model"
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={error}
        />
        {GATES.map((g) => (
          <GateEditor
            key={g}
            gate={g}
            draft={draft[g]}
            onChange={(next) => setDraft({ ...draft, [g]: next })}
            error={error}
          />
        ))}
        <ProblemMessage error={error} />
        {saved && (
          <p role="status" className="notice">
            Draft saved.
          </p>
        )}
        <div className="actions sticky-actions">
          <button type="submit" disabled={save.isPending}>
            Save the draft
          </button>
        </div>
      </form>
      {saved && <ActivateDraft model={m} />}
    </section>
  );
}
