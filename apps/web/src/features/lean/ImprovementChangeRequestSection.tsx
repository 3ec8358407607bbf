import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useImprovementMutation, type Improvement } from './queries';

/**
 * An improvement that changes how the process runs raises a change request on one of the process's controlled
 * documents; the document's page shows the link back.
 */
export function ImprovementChangeRequestSection({ event, runs }: { event: Improvement; runs: boolean }) {
  const document = event.documents.find((d) => d.id === event.changeDocumentId);
  if (event.changeRequestId === null && (!runs || event.status !== 'open')) return null;
  return (
    <section className="panel" aria-labelledby="improvement-change">
      <h2 id="improvement-change">Change to the process’s documents</h2>
      {event.changeRequestId !== null ? (
        <p>
          Change request raised on{' '}
          <Link to={`/documents/${event.changeDocumentId ?? ''}`}>
            {document?.number ?? 'the document'} {document?.title ?? ''}
          </Link>
          .
        </p>
      ) : (
        <RaiseChange event={event} />
      )}
    </section>
  );
}

function RaiseChange({ event }: { event: Improvement }) {
  const [form, setForm] = useState({
    documentId: event.documents[0]?.id ?? '',
    reason: '',
    impact: '',
    proposedTitle: '',
    proposedBody: '',
  });
  const raise = useImprovementMutation(event.id, () =>
    unwrap(api.POST('/api/improvements/{id}/change-request', { params: { path: { id: event.id } }, body: form })),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate(undefined);
  };
  return (
    <details className="new-item">
      <summary>Raise a change request</summary>
      <form onSubmit={submit} aria-label="Raise a change request">
        <SelectField
          label="Document"
          name="documentId"
          required
          value={form.documentId}
          options={event.documents.map((d) => ({ value: d.id, label: `${d.number ?? 'unnumbered'} ${d.title}` }))}
          onChange={(e) => setForm({ ...form, documentId: e.target.value })}
          error={raise.error}
        />
        <TextField
          label="Reason"
          name="reason"
          required
          value={form.reason}
          onChange={(e) => setForm({ ...form, reason: e.target.value })}
          error={raise.error}
        />
        <TextField
          label="Impact"
          name="impact"
          required
          value={form.impact}
          onChange={(e) => setForm({ ...form, impact: e.target.value })}
          error={raise.error}
        />
        <TextField
          label="Proposed title"
          name="proposedTitle"
          required
          value={form.proposedTitle}
          onChange={(e) => setForm({ ...form, proposedTitle: e.target.value })}
          error={raise.error}
        />
        <TextArea
          label="Proposed text"
          name="proposedBody"
          rows={6}
          required
          value={form.proposedBody}
          onChange={(e) => setForm({ ...form, proposedBody: e.target.value })}
          error={raise.error}
        />
        <ProblemMessage error={raise.error} />
        <button type="submit" disabled={raise.isPending}>
          Raise the change request
        </button>
      </form>
    </details>
  );
}
