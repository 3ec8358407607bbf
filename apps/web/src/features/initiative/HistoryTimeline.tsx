import type { components } from '../../api/schema';
import { STAGE_LABELS } from '../portfolio/labels';

type StageEvent = components['schemas']['StageEventDto'];

const DECISION_LABELS: Record<string, string> = { go: 'Go', conditional_go: 'Conditional Go', kill: 'Kill', hold: 'Hold', recycle: 'Recycle' };

function what(e: StageEvent): string {
  const to = STAGE_LABELS[e.toStage] ?? e.toStage;
  if (e.decision !== null) return `${e.gate ?? ''} ${DECISION_LABELS[e.decision] ?? e.decision} → ${to} (${e.toStatus})`;
  if (e.fromStage === null) return `Created in ${to}`;
  return `${e.kind.replace(/_/g, ' ')} → ${to} (${e.toStatus})`;
}

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
              <strong>{what(e)}</strong>
            </p>
            <p className="hint">
              by {e.actorLabel ?? 'the system'}
              {e.reason !== null && <> — “{e.reason}”</>}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
