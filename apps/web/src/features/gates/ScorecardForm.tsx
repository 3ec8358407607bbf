import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { reviewKey, type GateDefinition } from './queries';

/** A gatekeeper's scorecard, submitted once: pass or fail each judged must-meet (a fail needs a note), 0–10 per should-meet. */
export function ScorecardForm({ reviewId, definition }: { reviewId: string; definition: GateDefinition }) {
  const client = useQueryClient();
  const judged = definition.mustMeet.filter((c) => c.evaluation.kind === 'gatekeeper');
  const [mustMeet, setMustMeet] = useState(() => judged.map((c) => ({ key: c.key, pass: true, comment: '' })));
  const [shouldMeet, setShouldMeet] = useState(() => definition.shouldMeet.map((c) => ({ key: c.key, score: 5 })));
  const submit = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/reviews/{id}/scorecards', {
          params: { path: { id: reviewId } },
          body: { mustMeet, shouldMeet },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKey(reviewId) }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };
  const totalWeight = definition.shouldMeet.reduce((sum, c) => sum + c.weight, 0);
  return (
    <form className="panel" onSubmit={onSubmit} aria-labelledby="scorecard">
      <h2 id="scorecard">Your scorecard</h2>
      {judged.length > 0 && (
        <fieldset>
          <legend>Must-meet (a single fail knocks the gate out)</legend>
          {judged.map((c, i) => (
            <div key={c.key} className="criterion">
              <p>{c.text}</p>
              <label>
                <input
                  type="radio"
                  name={`must-${c.key}`}
                  checked={mustMeet[i]?.pass === true}
                  onChange={() => setMustMeet((current) => current.map((m, j) => (j === i ? { ...m, pass: true } : m)))}
                />{' '}
                Pass
              </label>{' '}
              <label>
                <input
                  type="radio"
                  name={`must-${c.key}`}
                  checked={mustMeet[i]?.pass === false}
                  onChange={() =>
                    setMustMeet((current) => current.map((m, j) => (j === i ? { ...m, pass: false } : m)))
                  }
                />{' '}
                Fail
              </label>
              <label className="block">
                Note on “{c.text}”
                <input
                  value={mustMeet[i]?.comment ?? ''}
                  onChange={(e) => {
                    const value = e.target.value;
                    setMustMeet((current) => current.map((m, j) => (j === i ? { ...m, comment: value } : m)));
                  }}
                />
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Should-meet scores, 0–10 (pass mark {definition.passMark} on the weighted mean)</legend>
        {definition.shouldMeet.map((c, i) => (
          <label key={c.key} className="criterion score">
            <span>
              {c.text}{' '}
              <span className="hint">
                weight {c.weight} of {totalWeight}
              </span>
            </span>
            <input
              type="number"
              min={0}
              max={10}
              step={1}
              required
              value={shouldMeet[i]?.score ?? 0}
              onChange={(e) => {
                const value = e.target.value;
                setShouldMeet((current) => current.map((s, j) => (j === i ? { ...s, score: Number(value) } : s)));
              }}
            />
          </label>
        ))}
      </fieldset>
      <ProblemMessage error={submit.error} />
      <button type="submit" disabled={submit.isPending}>
        Submit scorecard
      </button>
    </form>
  );
}
