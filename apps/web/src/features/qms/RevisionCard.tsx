import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { SignatureDialog } from '../../ui/SignatureDialog';
import { RouteForApproval } from './RouteForApproval';
import { documentKey, REVISION_STATE_LABELS, type ControlledDocument, type Revision } from './queries';

/** One revision: its state and dates, approvals, signatures, training; routing for approval and the signed approval. */
export function RevisionCard({ document, revision: r }: { document: ControlledDocument; revision: Revision }) {
  const me = useMe();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: documentKey(document.id) });
  const [signing, setSigning] = useState(false);
  const approve = useMutation({
    mutationFn: (password: string) =>
      unwrap(
        api.POST('/api/revisions/{id}/approval', {
          params: { path: { id: r.id } },
          body: { password, decision: 'approved' },
        }),
      ),
    onSuccess: async () => {
      setSigning(false);
      await refresh();
    },
  });
  const awaitingMe =
    r.state === 'in_review' && r.approvals.some((a) => a.approverId === me.userId && a.decision === null);
  return (
    <li className="card" aria-label={`Revision ${r.revision}`}>
      <p>
        <strong>Revision {r.revision}</strong> <span className="tag">{REVISION_STATE_LABELS[r.state]}</span> {r.title}
      </p>
      <p className="hint">
        {r.effectiveAt !== null && <>effective since {new Date(r.effectiveAt).toLocaleDateString()} · </>}
        {r.effectiveFrom !== null && r.effectiveAt === null && (
          <>effective from {new Date(r.effectiveFrom).toLocaleDateString()} · </>
        )}
        training {r.training.acknowledged} of {r.training.assigned} acknowledged
      </p>
      {r.approvals.length > 0 && (
        <ul className="plain">
          {r.approvals.map((a) => (
            <li key={a.approverId}>
              Approval by {a.approverName ?? a.approverId}:{' '}
              {a.decision ?? `due ${new Date(a.dueAt).toLocaleDateString()}`}
              {a.comment !== null && ` — ${a.comment}`}
            </li>
          ))}
        </ul>
      )}
      {r.signatures.map((s) => (
        <p key={s.id} className="hint">
          {s.manifestation} ({s.status})
        </p>
      ))}
      <details>
        <summary>Text</summary>
        <pre className="document-body">{r.body}</pre>
      </details>
      {r.state === 'draft' && hasRole(me, ['innovation_lead', 'quality_head']) && (
        <RouteForApproval revisionId={r.id} onRouted={refresh} />
      )}
      {awaitingMe && (
        <button type="button" onClick={() => setSigning(true)}>
          Approve…
        </button>
      )}
      {signing && (
        <SignatureDialog
          meaning="approved"
          subject={`${document.number ?? 'Document'} revision ${r.revision}: ${r.title}`}
          contentHash={null}
          onSign={(password) => approve.mutate(password)}
          onClose={() => setSigning(false)}
          error={approve.error}
          pending={approve.isPending}
        />
      )}
    </li>
  );
}
