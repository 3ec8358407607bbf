import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextArea } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { FINDING_LABELS, optionsOf } from './audit-labels';
import { useAuditMutation, type Audit, type AuditItem } from './queries';

type FindingBody = components['schemas']['RecordFindingDto'];

/** The checklist: one item per clause; the auditor records one finding each (minor and major raise an NC). */
export function ChecklistSection({ audit, editable }: { audit: Audit; editable: boolean }) {
  return (
    <section className="panel" aria-labelledby="audit-checklist">
      <h2 id="audit-checklist">Checklist</h2>
      {audit.items.length === 0 && <p>The checklist is made when the auditor starts the audit.</p>}
      <ol className="plain">
        {audit.items.map((item) => (
          <li key={item.id}>
            <h3>{item.clauseTitle}</h3>
            {item.finding === null ? (
              editable ? (
                <FindingForm audit={audit} item={item} />
              ) : (
                <p>No finding yet.</p>
              )
            ) : (
              <Finding item={item} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Finding({ item }: { item: AuditItem }) {
  return (
    <div>
      <p>
        <span className="tag">{item.finding === null ? '' : FINDING_LABELS[item.finding]}</span> {item.note}
      </p>
      {item.evidenceLinks.length > 0 && (
        <ul className="plain">
          {item.evidenceLinks.map((l) => (
            <li key={l}>
              <a href={l}>{l}</a>
            </li>
          ))}
        </ul>
      )}
      {item.nonconformityId !== null && (
        <p>
          Raised <Link to={`/nonconformities/${item.nonconformityId}`}>{item.nonconformityNumber}</Link>
        </p>
      )}
    </div>
  );
}

function FindingForm({ audit, item }: { audit: Audit; item: AuditItem }) {
  const [form, setForm] = useState({ finding: 'conformity', note: '', evidenceLinks: '' });
  const record = useAuditMutation(audit.id, () => {
    const body: FindingBody = {
      clause: item.clause as FindingBody['clause'],
      finding: form.finding as FindingBody['finding'],
      note: form.note,
      evidenceLinks: form.evidenceLinks
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    };
    return unwrap(api.POST('/api/audits/{id}/findings', { params: { path: { id: audit.id } }, body }));
  });
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  return (
    <form
      aria-label={`Finding for ${item.clauseTitle}`}
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate(undefined);
      }}
    >
      <SelectField
        label="Finding"
        name="finding"
        value={form.finding}
        options={optionsOf(FINDING_LABELS)}
        onChange={set('finding')}
        error={record.error}
        hint="A minor or major nonconformity raises an NC"
      />
      <TextArea
        label="Note"
        name="note"
        rows={3}
        required
        minLength={3}
        value={form.note}
        onChange={set('note')}
        error={record.error}
      />
      <TextArea
        label="Evidence links"
        name="evidenceLinks"
        rows={2}
        value={form.evidenceLinks}
        onChange={set('evidenceLinks')}
        error={record.error}
        hint="One https:// link a line"
      />
      <ProblemMessage error={record.error} />
      <button type="submit" disabled={record.isPending}>
        Record the finding
      </button>
    </form>
  );
}
