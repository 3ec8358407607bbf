import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../ui/Field';
import { ChangeRequestFields, EMPTY_CHANGE_REQUEST } from '../qms/ChangeRequestFields';
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
  const [documentId, setDocumentId] = useState(event.documents[0]?.id ?? '');
  const [change, setChange] = useState(EMPTY_CHANGE_REQUEST);
  const raise = useImprovementMutation(event.id, () =>
    unwrap(
      api.POST('/api/improvements/{id}/change-request', {
        params: { path: { id: event.id } },
        body: { documentId, ...change },
      }),
    ),
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
          value={documentId}
          options={event.documents.map((d) => ({ value: d.id, label: `${d.number ?? 'unnumbered'} ${d.title}` }))}
          onChange={(e) => setDocumentId(e.target.value)}
          error={raise.error}
        />
        <ChangeRequestFields value={change} onChange={setChange} error={raise.error} rows={6} />
        <ProblemMessage error={raise.error} />
        <button type="submit" disabled={raise.isPending}>
          Raise the change request
        </button>
      </form>
    </details>
  );
}
