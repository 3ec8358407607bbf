import { Link, useParams } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CHANNEL_LABELS, SENTIMENT_LABELS } from './market-labels';
import { useFeedback } from './queries';

/** One piece of customer feedback: the origin an opportunity links to, with the product and what it raised. */
export function FeedbackPage() {
  const { id = '' } = useParams();
  const feedback = useFeedback(id);
  if (feedback.isPending) return <p aria-busy="true">Loading…</p>;
  if (feedback.isError) return <ProblemMessage error={feedback.error} />;
  const f = feedback.data;
  return (
    <article>
      <header className="page-head">
        <h1>Customer feedback</h1>
        <p>
          On <Link to={`/initiatives/${f.initiativeId}#market`}>{f.productTitle}</Link>
        </p>
      </header>
      <section className="panel" aria-labelledby="feedback-said">
        <h2 id="feedback-said">What the customer said</h2>
        <p>
          <span className="tag">{SENTIMENT_LABELS[f.sentiment] ?? f.sentiment}</span>{' '}
          {CHANNEL_LABELS[f.channel] ?? f.channel}, received{' '}
          {new Date(`${f.receivedOn}T00:00:00Z`).toLocaleDateString()}
        </p>
        <blockquote>{f.text}</blockquote>
        <ul className="plain">
          {f.nonconformityId !== null && (
            <li>
              Raised <Link to={`/nonconformities/${f.nonconformityId}`}>a nonconformity</Link>
            </li>
          )}
          {f.opportunityInitiativeId !== null && (
            <li>
              Raised <Link to={`/initiatives/${f.opportunityInitiativeId}`}>an opportunity</Link>
            </li>
          )}
        </ul>
      </section>
    </article>
  );
}
