import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { ChangeRequestFields } from './ChangeRequestFields';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { SignatureDialog } from '../../ui/SignatureDialog';
import { ChangeRequestImprovements } from '../lean/ChangeRequestImprovements';
import { ChangeRequestNonconformities } from '../nonconformity/ChangeRequestNonconformities';
import { DiffView } from './DiffView';
import { documentKey, type ControlledDocument } from './queries';

/** Controlled changes to the effective revision: reason, impact, the diff side by side, and a signed decision. */
export function ChangeRequests({ document }: { document: ControlledDocument }) {
  const me = useMe();
  const effective = document.revisions.find((r) => r.state === 'effective');
  return (
    <section className="panel" aria-labelledby="changes">
      <h2 id="changes">Change requests</h2>
      {document.changeRequests.length === 0 && <p>None.</p>}
      <ul className="plain">
        {document.changeRequests.map((c) => (
          <li key={c.id} className="card">
            <p>
              <strong>{c.reason}</strong> <span className="tag">{c.status}</span>
            </p>
            <p className="hint">Impact: {c.impact}</p>
            <ChangeRequestNonconformities changeRequestId={c.id} />
            <ChangeRequestImprovements changeRequestId={c.id} />
            <DiffView diff={c.diff} />
            {c.status === 'open' && hasRole(me, ['quality_head']) && (
              <DecideChange
                documentId={document.id}
                changeId={c.id}
                subject={`${document.number ?? ''} change: ${c.reason}`}
              />
            )}
          </li>
        ))}
      </ul>
      {effective !== undefined && <RaiseChange document={document} title={effective.title} body={effective.body} />}
    </section>
  );
}

function DecideChange({ documentId, changeId, subject }: { documentId: string; changeId: string; subject: string }) {
  const client = useQueryClient();
  const [approve, setApprove] = useState<boolean | null>(null);
  const decide = useMutation({
    mutationFn: (password: string) =>
      unwrap(
        api.POST('/api/change-requests/{id}/decision', {
          params: { path: { id: changeId } },
          body: { password, approve: approve === true },
        }),
      ),
    onSuccess: async () => {
      setApprove(null);
      await client.invalidateQueries({ queryKey: documentKey(documentId) });
    },
  });
  return (
    <div className="actions">
      <button type="button" onClick={() => setApprove(true)}>
        Approve the change…
      </button>
      <button type="button" className="secondary" onClick={() => setApprove(false)}>
        Reject…
      </button>
      {approve !== null && (
        <SignatureDialog
          meaning={approve ? 'approved' : 'rejected'}
          subject={subject}
          contentHash={null}
          onSign={(p) => decide.mutate(p)}
          onClose={() => setApprove(null)}
          error={decide.error}
          pending={decide.isPending}
        />
      )}
    </div>
  );
}

function RaiseChange({ document, title, body }: { document: ControlledDocument; title: string; body: string }) {
  const client = useQueryClient();
  const [form, setForm] = useState({ reason: '', impact: '', proposedTitle: title, proposedBody: body });
  const raise = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/documents/{id}/change-requests', { params: { path: { id: document.id } }, body: form })),
    onSuccess: () => client.invalidateQueries({ queryKey: documentKey(document.id) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate();
  };
  return (
    <details className="new-item">
      <summary>Request a change</summary>
      <form onSubmit={submit} aria-label="Request a change">
        <ChangeRequestFields value={form} onChange={setForm} error={raise.error} rows={10} />
        <ProblemMessage error={raise.error} />
        <button type="submit" disabled={raise.isPending}>
          Raise the change request
        </button>
      </form>
    </details>
  );
}
