import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { TextField } from '../../../ui/Field';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { RequireRole } from '../../../ui/RequireRole';
import { DOCUMENT_TYPE_LABELS } from '../../qms/document-labels';
import { previewNumber, schemeChanges } from './numbering';

type Scheme = components['schemas']['NumberingSchemeDto'];
const SCHEMES_KEY = ['numbering-schemes'] as const;

export function NumberingSchemesPage() {
  return (
    <RequireRole roles={['admin']}>
      <NumberingSchemes />
    </RequireRole>
  );
}

/** How controlled documents are numbered, one scheme per type (ISO 9001 7.5.2 identification). */
function NumberingSchemes() {
  const schemes = useQuery({ queryKey: SCHEMES_KEY, queryFn: () => unwrap(api.GET('/api/admin/numbering-schemes')) });
  return (
    <section>
      <h1>Document numbering</h1>
      <p>
        Documents keep the numbers they have; new documents follow the scheme. A number is never issued twice: the next
        sequence only grows, a prefix belongs to one document type, and under a prefix used before the sequence must
        start above every number issued with it.
      </p>
      <ProblemMessage error={schemes.error} />
      <ul className="plain schemes">
        {schemes.data?.map((s) => (
          <SchemeForm key={`${s.documentType}-${s.prefix}-${s.padding}-${s.nextValue}`} scheme={s} />
        ))}
      </ul>
    </section>
  );
}

function SchemeForm({ scheme }: { scheme: Scheme }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState({
    prefix: scheme.prefix,
    padding: String(scheme.padding),
    nextValue: String(scheme.nextValue),
  });
  const changes = schemeChanges(scheme, draft);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/admin/numbering-schemes/{documentType}', {
          params: { path: { documentType: scheme.documentType } },
          body: changes,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: SCHEMES_KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const label = DOCUMENT_TYPE_LABELS[scheme.documentType];
  const preview = previewNumber(draft.prefix, draft.padding, draft.nextValue);
  return (
    <li className="panel">
      <form onSubmit={submit} aria-label={`Numbering of ${label}`}>
        <h2>{label}</h2>
        <p className="hint">
          Next document now: <strong>{scheme.nextNumber}</strong>
        </p>
        <div className="row-form">
          <TextField
            label={`Prefix of ${label}`}
            name="prefix"
            required
            pattern="[A-Z][A-Z0-9]{0,9}"
            title="1–10 capital letters or digits, starting with a letter"
            value={draft.prefix}
            onChange={(e) => setDraft({ ...draft, prefix: e.target.value.toUpperCase() })}
            error={save.error}
          />
          <TextField
            label={`Digits of ${label}`}
            name="padding"
            type="number"
            min={1}
            max={10}
            required
            value={draft.padding}
            onChange={(e) => setDraft({ ...draft, padding: e.target.value })}
            error={save.error}
          />
          <TextField
            label={`Next sequence of ${label}`}
            name="nextValue"
            type="number"
            min={1}
            required
            value={draft.nextValue}
            onChange={(e) => setDraft({ ...draft, nextValue: e.target.value })}
            error={save.error}
          />
        </div>
        <p aria-live="polite">
          The next {label.toLowerCase()} would be numbered <strong>{preview ?? '—'}</strong>.
        </p>
        <ProblemMessage error={save.error} />
        <button type="submit" disabled={save.isPending || Object.keys(changes).length === 0}>
          Save {label.toLowerCase()} numbering
        </button>
      </form>
    </li>
  );
}
