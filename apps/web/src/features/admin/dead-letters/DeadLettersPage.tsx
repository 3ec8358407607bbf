import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { RequireRole } from '../../../ui/RequireRole';
import { formatDateTime } from '../../dashboard/format';
import { aggregateLabel, retryOutcome } from './dead-letters';

type DeadLetter = components['schemas']['DeadLetterDto'];
type Retried = components['schemas']['DeadLetterRetryDto'] & { eventType: string };
const DEAD_LETTERS_KEY = ['dead-letters'] as const;

export function DeadLettersPage() {
  return (
    <RequireRole roles={['admin']}>
      <DeadLetters />
    </RequireRole>
  );
}

/** Outbox events whose delivery kept failing: what failed and why, and a retry once the cause is fixed. */
function DeadLetters() {
  const list = useQuery({ queryKey: DEAD_LETTERS_KEY, queryFn: () => unwrap(api.GET('/api/admin/dead-letters')) });
  // Kept here: a retried letter leaves the list, and its outcome must stay readable.
  const [retried, setRetried] = useState<Retried | null>(null);
  return (
    <section>
      <h1>Dead letters</h1>
      <p>
        Events whose delivery failed too many times (<code>OUTBOX_MAX_ATTEMPTS</code>). They are kept, but no longer
        retried on their own. Fix what the last error names, then retry: the event is delivered again from the start.
      </p>
      <p role="status" className={retried === null ? undefined : 'notice'}>
        {retried !== null && (
          <>
            <strong>{retried.eventType}</strong> <code>{retried.id}</code>: {retryOutcome(retried)}
          </>
        )}
      </p>
      <ProblemMessage error={list.error} />
      {list.data?.length === 0 && (
        <p className="notice">No dead letters: every event was delivered or is still being retried.</p>
      )}
      <ul className="plain">
        {list.data?.map((letter) => (
          <DeadLetterItem key={letter.id} letter={letter} onRetried={setRetried} />
        ))}
      </ul>
    </section>
  );
}

function DeadLetterItem({ letter, onRetried }: { letter: DeadLetter; onRetried: (result: Retried) => void }) {
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: () => unwrap(api.POST('/api/admin/dead-letters/{id}/retry', { params: { path: { id: letter.id } } })),
    onSuccess: (result) => {
      onRetried({ ...result, eventType: letter.eventType });
      return client.invalidateQueries({ queryKey: DEAD_LETTERS_KEY });
    },
  });
  const headingId = `dead-letter-${letter.id}`;
  return (
    <li className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{letter.eventType}</h2>
      <dl className="facts">
        <Fact term="Event">
          <code>{letter.id}</code>
        </Fact>
        <Fact term="About">{aggregateLabel(letter.aggregateType, letter.aggregateId)}</Fact>
        <Fact term="Failed attempts">{letter.failedAttempts}</Fact>
        <Fact term="Set aside">{formatDateTime(letter.deadAt)}</Fact>
        <Fact term="Last error">
          <span className="missing dead-letter-error">{letter.lastError ?? '—'}</span>
        </Fact>
      </dl>
      <ProblemMessage error={retry.error} />
      <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending} aria-describedby={headingId}>
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
    </li>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
