import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RaiseOpportunityOnDemand, type OpportunityFields } from '../opportunity/RaiseOpportunityForm';
import { CHANNEL_LABELS, SENTIMENT_LABELS } from './market-labels';
import { useMarketMutation, type Feedback, type ProductMarket } from './queries';

interface Rights {
  canRaiseNc: boolean;
  canRaiseOpportunity: boolean;
  canLead: boolean;
}

/** What customers say about the product (ISO 9001 9.1.2): anyone records it; it may raise an NC or an opportunity. */
export function FeedbackPanel({ market, ...rights }: { market: ProductMarket } & Rights) {
  return (
    <section className="panel" aria-labelledby="market-feedback">
      <h3 id="market-feedback">Customer feedback</h3>
      {market.feedback.length === 0 && <p>No feedback recorded yet.</p>}
      <ul className="plain feedback-list">
        {market.feedback.map((f) => (
          <FeedbackItem key={f.id} feedback={f} initiativeId={market.initiativeId} {...rights} />
        ))}
      </ul>
      <RecordFeedback initiativeId={market.initiativeId} />
    </section>
  );
}

function FeedbackItem({ feedback: f, initiativeId, ...rights }: { feedback: Feedback; initiativeId: string } & Rights) {
  const raiseNc = useMarketMutation(initiativeId, () =>
    unwrap(
      api.POST('/api/market/feedback/{id}/nonconformity', {
        params: { path: { id: f.id } },
        body: { severity: f.sentiment === 'negative' ? 'major' : 'minor', probability: 3 },
      }),
    ),
  );
  const raiseOpportunity = useMarketMutation(initiativeId, (body: OpportunityFields) =>
    unwrap(api.POST('/api/market/feedback/{id}/opportunity', { params: { path: { id: f.id } }, body })),
  );
  return (
    <li id={`feedback-${f.id}`}>
      <p>
        <span className="tag">{SENTIMENT_LABELS[f.sentiment] ?? f.sentiment}</span>{' '}
        <span className="hint">
          {CHANNEL_LABELS[f.channel] ?? f.channel}, {new Date(`${f.receivedOn}T00:00:00Z`).toLocaleDateString()}
        </span>{' '}
        {f.text}
      </p>
      <p className="hint">
        {f.nonconformityId !== null && (
          <>
            Raised <Link to={`/nonconformities/${f.nonconformityId}`}>a nonconformity</Link>.{' '}
          </>
        )}
        {f.opportunityInitiativeId !== null && (
          <>
            Raised <Link to={`/initiatives/${f.opportunityInitiativeId}`}>an opportunity</Link>.
          </>
        )}
      </p>
      {rights.canRaiseNc && f.nonconformityId === null && (
        <button
          type="button"
          className="secondary"
          disabled={raiseNc.isPending}
          onClick={() => raiseNc.mutate(undefined)}
        >
          Raise a nonconformity
        </button>
      )}
      <ProblemMessage error={raiseNc.error} />
      {rights.canRaiseOpportunity && f.opportunityInitiativeId === null && (
        <RaiseOpportunityOnDemand raise={raiseOpportunity} canLead={rights.canLead} />
      )}
    </li>
  );
}

function RecordFeedback({ initiativeId }: { initiativeId: string }) {
  const today = new Date().toISOString().slice(0, 10);
  const blank = { channel: 'support', sentiment: 'neutral', text: '', receivedOn: today };
  const [form, setForm] = useState(blank);
  const record = useMarketMutation(
    initiativeId,
    () =>
      unwrap(
        api.POST('/api/initiatives/{id}/market/feedback', {
          params: { path: { id: initiativeId } },
          body: form as { channel: 'support'; sentiment: 'neutral'; text: string; receivedOn: string },
        }),
      ),
    () => setForm(blank),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate(undefined);
  };
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  return (
    <form onSubmit={submit} aria-label="Record customer feedback" className="new-item">
      <SelectField
        label="Channel"
        name="channel"
        value={form.channel}
        onChange={set('channel')}
        options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
        error={record.error}
      />
      <SelectField
        label="Sentiment"
        name="sentiment"
        value={form.sentiment}
        onChange={set('sentiment')}
        options={Object.entries(SENTIMENT_LABELS).map(([value, label]) => ({ value, label }))}
        error={record.error}
      />
      <TextArea
        label="What the customer said"
        name="text"
        rows={3}
        required
        value={form.text}
        onChange={set('text')}
        error={record.error}
      />
      <TextField
        label="Received on"
        name="receivedOn"
        type="date"
        required
        max={today}
        value={form.receivedOn}
        onChange={set('receivedOn')}
        error={record.error}
      />
      <ProblemMessage error={record.error} />
      <button type="submit" disabled={record.isPending}>
        Record the feedback
      </button>
    </form>
  );
}
