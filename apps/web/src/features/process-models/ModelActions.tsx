import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { ProcessModel } from './model';
import { PROCESS_MODELS_KEY } from './queries';

/** Activation, after saying what it does: the active version of the key retires, initiatives keep their version. */
export function ActivateDraft({ model: m }: { model: ProcessModel }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const activate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/process-models/{id}/activate', { params: { path: { id: m.id } } })),
    onSuccess: async () => {
      setConfirming(false);
      await client.invalidateQueries({ queryKey: PROCESS_MODELS_KEY });
    },
  });
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        Activate v{m.version}…
      </button>
    );
  }
  return (
    <div className="notice" role="alertdialog" aria-label={`Activate v${m.version}?`}>
      <p>
        Activating <strong>v{m.version}</strong> of <code>{m.key}</code> retires the version active now. From then on v
        {m.version} is frozen and new initiatives follow it; initiatives already started stay on the version they have.
      </p>
      <ProblemMessage error={activate.error} />
      <div className="actions">
        <button type="button" onClick={() => activate.mutate()} disabled={activate.isPending}>
          Activate v{m.version}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming(false)}>
          Not now
        </button>
      </div>
    </div>
  );
}

/** A new draft copying this version: the next version of its key, or version 1 of a new key. */
export function NewDraftFrom({ model: m }: { model: ProcessModel }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [key, setKey] = useState(m.key);
  const [name, setName] = useState(m.name);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/process-models', { body: { key, name, definition: m.definition } })),
    onSuccess: async (draft) => {
      await client.invalidateQueries({ queryKey: PROCESS_MODELS_KEY });
      void navigate(`/process-models/${draft.id}/edit`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <details className="panel new-item">
      <summary>New draft from v{m.version}</summary>
      <form onSubmit={submit} aria-label={`New draft from v${m.version}`}>
        <p className="hint">
          The draft starts as a copy of this version; nothing changes for anyone until it is activated.
        </p>
        <div className="row-form">
          <TextField
            label="Key"
            name="key"
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            error={create.error}
            hint="The same key makes its next version; a new key starts at v1."
          />
          <TextField
            label="Name"
            name="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={create.error}
          />
        </div>
        <ProblemMessage error={create.error} />
        <button type="submit" disabled={create.isPending}>
          Create the draft
        </button>
      </form>
    </details>
  );
}
