import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { TextArea } from '../../ui/Field';
import { SignatureDialog } from '../../ui/SignatureDialog';
import { useAuditMutation, type Audit } from './queries';

/** The audit report: the auditor's summary, signed (re-authenticated); once signed nothing changes. */
export function AuditReportSection({ audit, editable }: { audit: Audit; editable: boolean }) {
  const [summary, setSummary] = useState('');
  const [signing, setSigning] = useState(false);
  const sign = useAuditMutation(
    audit.id,
    (password: string) =>
      unwrap(api.POST('/api/audits/{id}/report', { params: { path: { id: audit.id } }, body: { summary, password } })),
    () => setSigning(false),
  );
  const complete = audit.items.length > 0 && audit.items.every((i) => i.finding !== null);
  return (
    <section className="panel" aria-labelledby="audit-report">
      <h2 id="audit-report">Report</h2>
      {audit.status === 'signed' ? (
        <>
          <p>{audit.summary}</p>
          {audit.signatures.map((s) => (
            <p key={s.id} className="signature-line">
              {s.manifestation} <span className="tag">{s.status}</span>
            </p>
          ))}
        </>
      ) : (
        <p>The auditor signs the report once every checklist item has a finding.</p>
      )}
      {editable && audit.status === 'in_progress' && complete && (
        <form aria-label="Complete the audit" onSubmit={(e) => e.preventDefault()}>
          <TextArea
            label="Summary"
            name="summary"
            rows={4}
            required
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            error={sign.error}
          />
          <button type="button" disabled={summary.trim().length < 3} onClick={() => setSigning(true)}>
            Sign the report…
          </button>
        </form>
      )}
      {signing && (
        <SignatureDialog
          meaning="authored (audit report)"
          subject={`${audit.number}: ${summary}`}
          contentHash={null}
          onSign={(password) => sign.mutate(password)}
          onClose={() => setSigning(false)}
          error={sign.error}
          pending={sign.isPending}
        />
      )}
    </section>
  );
}
