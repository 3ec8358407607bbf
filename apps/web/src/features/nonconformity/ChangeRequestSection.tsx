import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ChangeRequestFields, EMPTY_CHANGE_REQUEST } from '../qms/ChangeRequestFields';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { Nonconformity } from './queries';
import { useNcMutation } from './useNcMutation';

/** An NC about a controlled document raises a change request on it; the link shows from both ends. */
export function ChangeRequestSection({ nc, editable }: { nc: Nonconformity; editable: boolean }) {
  if (nc.subjectType !== 'controlled_document' || nc.subjectId === null) return null;
  return (
    <section className="panel" aria-labelledby="nc-change">
      <h2 id="nc-change">Change to the document</h2>
      {nc.changeRequestId === null ? (
        <p>No change request raised.</p>
      ) : (
        <LinkedChange nc={nc} changeRequestId={nc.changeRequestId} documentId={nc.subjectId} />
      )}
      {editable && nc.changeRequestId === null && nc.status !== 'closed' && <RaiseChange nc={nc} />}
    </section>
  );
}

function LinkedChange({
  nc,
  changeRequestId,
  documentId,
}: {
  nc: Nonconformity;
  changeRequestId: string;
  documentId: string;
}) {
  const linked = useQuery({
    queryKey: ['change-request-nonconformities', changeRequestId],
    queryFn: () =>
      unwrap(api.GET('/api/change-requests/{id}/nonconformities', { params: { path: { id: changeRequestId } } })),
  });
  const others = (linked.data ?? []).filter((n) => n.id !== nc.id);
  return (
    <p>
      This nonconformity raised a <Link to={`/documents/${documentId}`}>change request on the document</Link>
      {others.length > 0 && <> (also linked: {others.map((o) => o.number).join(', ')})</>}.
    </p>
  );
}

function RaiseChange({ nc }: { nc: Nonconformity }) {
  const [form, setForm] = useState(EMPTY_CHANGE_REQUEST);
  const raise = useNcMutation(nc.id, () =>
    unwrap(api.POST('/api/nonconformities/{id}/change-request', { params: { path: { id: nc.id } }, body: form })),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate(undefined);
  };
  return (
    <details className="new-item">
      <summary>Raise a change request on the document</summary>
      <form onSubmit={submit} aria-label="Raise a change request on the document">
        <ChangeRequestFields value={form} onChange={setForm} error={raise.error} />
        <ProblemMessage error={raise.error} />
        <button type="submit" disabled={raise.isPending}>
          Raise the change request
        </button>
      </form>
    </details>
  );
}
