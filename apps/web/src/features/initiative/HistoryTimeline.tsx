import type { components } from '../../api/schema';
import { stageEventActor, stageEventTitle } from './history-labels';

type StageEvent = components['schemas']['StageEventDto'];

/** The stage history, newest first: who moved it, when, and why. */
export function HistoryTimeline({ events }: { events: StageEvent[] }) {
  return (
    <section className="panel" aria-labelledby="history">
      <h2 id="history">Stage history</h2>
      <ol className="timeline" reversed>
        {[...events].reverse().map((e) => (
          <li key={e.seq}>
            <time dateTime={String(e.occurredAt)}>{new Date(e.occurredAt).toLocaleString()}</time>
            <p>
              <strong>{stageEventTitle(e)}</strong>
            </p>
            <p className="hint">
              by {stageEventActor(e)}
              {e.reason !== null && <> — “{e.reason}”</>}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
