import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { TextField } from '../../../ui/Field';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { RequireRole } from '../../../ui/RequireRole';
import { DOCUMENT_TYPE_LABELS } from '../document-labels';

type Interval = components['schemas']['ReviewIntervalDto'];
const INTERVALS_KEY = ['document-review-intervals'] as const;

export function ReviewIntervalsPage() {
  return (
    <RequireRole roles={['quality_head', 'admin']}>
      <ReviewIntervals />
    </RequireRole>
  );
}

/** How often each type of controlled document is reviewed (ISO 9001 7.5.2/7.5.3): one interval per type. */
function ReviewIntervals() {
  const intervals = useQuery({
    queryKey: INTERVALS_KEY,
    queryFn: () => unwrap(api.GET('/api/document-review-intervals')),
  });
  return (
    <section>
      <h1>Periodic review intervals</h1>
      <p>
        A controlled document is due for review this many months after its revision became effective or its last review.
        The owner is reminded 30 days ahead, and quality heads are told once it is overdue. A new interval applies from
        a document&apos;s next effective revision or review; due dates already set stay.
      </p>
      <ProblemMessage error={intervals.error} />
      <ul className="plain schemes">
        {intervals.data?.map((interval) => (
          <IntervalForm key={`${interval.documentType}-${interval.intervalMonths}`} interval={interval} />
        ))}
      </ul>
    </section>
  );
}

function IntervalForm({ interval }: { interval: Interval }) {
  const client = useQueryClient();
  const [months, setMonths] = useState(String(interval.intervalMonths));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/document-review-intervals/{documentType}', {
          params: { path: { documentType: interval.documentType } },
          body: { intervalMonths: Number(months) },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: INTERVALS_KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const label = DOCUMENT_TYPE_LABELS[interval.documentType];
  return (
    <li className="panel">
      <form onSubmit={submit} aria-label={`Review interval of ${label}`}>
        <h2>{label}</h2>
        <div className="row-form">
          <TextField
            label={`Months between reviews of ${label}`}
            name="intervalMonths"
            type="number"
            min={1}
            max={120}
            required
            value={months}
            onChange={(e) => setMonths(e.target.value)}
            error={save.error}
          />
        </div>
        <ProblemMessage error={save.error} />
        <button type="submit" disabled={save.isPending || Number(months) === interval.intervalMonths}>
          Save {label.toLowerCase()} interval
        </button>
      </form>
    </li>
  );
}
