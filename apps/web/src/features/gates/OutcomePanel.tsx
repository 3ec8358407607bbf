import type { Review } from './queries';

/** The computed outcome and every scorecard behind it, for the chair. */
export function OutcomePanel({ review }: { review: Review }) {
  const outcome = review.outcome;
  return (
    <section className="panel" aria-labelledby="outcome">
      <h2 id="outcome">Outcome</h2>
      <p>
        {review.scorecardsIn} of {review.gatekeeperIds.length} scorecards in.
      </p>
      {outcome !== null && (
        <>
          <p>
            <strong>{outcome.passed ? 'Passed' : 'Not passed'}</strong>: weighted mean {outcome.weightedMean} against a
            pass mark of {outcome.passMark}; proposed <strong>{outcome.proposal.replace('_', ' ')}</strong>.
          </p>
          {outcome.knockOuts.length > 0 && (
            <ul className="plain">
              {outcome.knockOuts.map((k) => (
                <li key={`${k.key}-${k.by}`} className="missing">
                  Knocked out on {k.key.replace(/_/g, ' ')} by {k.by}: {k.comment}
                </li>
              ))}
            </ul>
          )}
          <table className="data">
            <caption className="sr-only">Should-meet means</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Weight</th>
                <th scope="col">Mean score</th>
              </tr>
            </thead>
            <tbody>
              {outcome.criteria.map((c) => (
                <tr key={c.key}>
                  <td>{c.key.replace(/_/g, ' ')}</td>
                  <td className="num">{c.weight}</td>
                  <td className="num">{c.mean}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {review.scorecards.length > 0 && (
        <details>
          <summary>The scorecards</summary>
          <ul className="plain">
            {review.scorecards.map((s) => (
              <li key={s.gatekeeperId}>
                Submitted {new Date(s.submittedAt).toLocaleString()}:{' '}
                {s.mustMeet
                  .map((m) => `${m.key} ${m.pass ? 'pass' : 'fail'}${m.comment === '' ? '' : ` (${m.comment})`}`)
                  .join('; ')}
                ; {s.shouldMeet.map((m) => `${m.key} ${m.score}`).join(', ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
