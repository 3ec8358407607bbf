import { Link } from 'react-router';
import { useFeedbackOfNonconformity } from './queries';

/** The NC's side of the link: the customer feedback it was raised from, if any. */
export function NonconformityFeedbackLink({ nonconformityId }: { nonconformityId: string }) {
  const feedback = useFeedbackOfNonconformity(nonconformityId);
  if (feedback.data === undefined || feedback.data.length === 0) return null;
  return (
    <p className="origin-line">
      Raised from{' '}
      {feedback.data.map((f, i) => (
        <span key={f.id}>
          {i > 0 && ', '}
          <Link to={`/market/feedback/${f.id}`}>
            customer feedback of {new Date(`${f.receivedOn}T00:00:00Z`).toLocaleDateString()}
          </Link>
        </span>
      ))}
    </p>
  );
}
