import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { TextArea, TextField } from '../../ui/Field';
import { PersonPicker } from '../../ui/PersonPicker';
import type { Person } from '../../ui/people';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RaiseOpportunityOnDemand, type OpportunityFields } from '../opportunity/RaiseOpportunityForm';
import { useReviewMutation, type ManagementReview } from './queries';

/** The meeting's outputs (ISO 9001 9.3.3): decisions, actions with owners, opportunities raised as initiatives. */
export function OutputsSection({ review, editable }: { review: ManagementReview; editable: boolean }) {
  const me = useMe();
  const raise = useReviewMutation(review.id, (body: OpportunityFields) =>
    unwrap(api.POST('/api/management-reviews/{id}/opportunities', { params: { path: { id: review.id } }, body })),
  );
  return (
    <section className="panel" aria-labelledby="review-outputs">
      <h2 id="review-outputs">Outputs</h2>
      {editable ? <NotesForm review={review} /> : <Decisions review={review} />}
      <h3>Actions</h3>
      {review.actions.length === 0 ? (
        <p>No action yet.</p>
      ) : (
        <table className="data">
          <caption className="sr-only">Actions of the review</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {review.actions.map((a) => (
              <tr key={a.id}>
                <td>{a.text}</td>
                <td>{a.ownerName}</td>
                <td>{a.dueAt.slice(0, 10)}</td>
                <td>{a.doneAt !== null ? `Done: ${a.doneNote ?? ''}` : a.overdue ? 'Overdue' : 'Open'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && <ActionForm review={review} />}
      <h3>Opportunities</h3>
      {review.opportunities.length === 0 ? (
        <p>None raised.</p>
      ) : (
        <ul className="plain">
          {review.opportunities.map((o) => (
            <li key={o.id}>
              <Link to={`/initiatives/${o.initiativeId}`}>{o.title}</Link>
            </li>
          ))}
        </ul>
      )}
      {editable && <RaiseOpportunityOnDemand raise={raise} canLead={hasRole(me, ['innovation_lead'])} />}
    </section>
  );
}

function Decisions({ review }: { review: ManagementReview }) {
  return (
    <>
      <h3>Decisions</h3>
      {review.decisions.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ol>
          {review.decisions.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ol>
      )}
    </>
  );
}

function NotesForm({ review }: { review: ManagementReview }) {
  const [contextChanges, setContextChanges] = useState(review.contextChanges ?? '');
  const [decisions, setDecisions] = useState(review.decisions.join('\n'));
  const save = useReviewMutation(review.id, () =>
    unwrap(
      api.PUT('/api/management-reviews/{id}/notes', {
        params: { path: { id: review.id } },
        body: {
          contextChanges: contextChanges.trim() === '' ? null : contextChanges,
          decisions: decisions
            .split('\n')
            .map((d) => d.trim())
            .filter((d) => d !== ''),
        },
      }),
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={submit} aria-label="Record the decisions">
      <TextArea
        label="Changes in external and internal issues"
        name="contextChanges"
        rows={3}
        value={contextChanges}
        onChange={(e) => setContextChanges(e.target.value)}
        error={save.error}
        hint="Reassemble the pack to carry a change into it"
      />
      <TextArea
        label="Decisions (one a line)"
        name="decisions"
        rows={4}
        value={decisions}
        onChange={(e) => setDecisions(e.target.value)}
        error={save.error}
      />
      <ProblemMessage error={save.error} />
      <button type="submit" disabled={save.isPending}>
        Save the decisions
      </button>
      {save.isSuccess && <span role="status"> Saved.</span>}
    </form>
  );
}

function ActionForm({ review }: { review: ManagementReview }) {
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [owner, setOwner] = useState<Person | null>(null);
  const add = useReviewMutation(
    review.id,
    () =>
      unwrap(
        api.POST('/api/management-reviews/{id}/actions', {
          params: { path: { id: review.id } },
          body: { text, ownerId: owner?.id ?? '', dueAt: dueOn === '' ? '' : `${dueOn}T23:59:59Z` },
        }),
      ),
    () => {
      setText('');
      setDueOn('');
      setOwner(null);
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(undefined);
  };
  return (
    <div className="new-item">
      <form onSubmit={submit} aria-label="Add an action">
        <TextField
          label="Action"
          name="text"
          required
          minLength={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={add.error}
        />
        <PersonPicker label="Owner" name="ownerId" value={owner} onChange={setOwner} error={add.error} required />
        <TextField
          label="Due on"
          name="dueAt"
          type="date"
          required
          value={dueOn}
          onChange={(e) => setDueOn(e.target.value)}
          error={add.error}
        />
        <ProblemMessage error={add.error} />
        <button type="submit" disabled={add.isPending}>
          Add the action
        </button>
      </form>
    </div>
  );
}
