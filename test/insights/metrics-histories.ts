import { DayPeriod, utcDay } from '@ambidex/insights';
import { INITIAL_STATE, StageEvent, StageState, transition } from '@ambidex/portfolio';
import { HistoryEvent, Mark, measuresOf } from './metrics-oracle';

/** Histories for the metrics specs: legal stage moves from a fixed day, and the marks the read model keeps of them. */

export const DAY = 86_400_000;
export const T0 = Date.parse('2025-01-01T00:00:00Z');

/** A legal history: the created event, then the given moves applied with the portfolio's stage machine. */
export function history(
  id: string,
  moves: readonly { event: StageEvent; afterDays: number }[],
  startDay = 0,
): HistoryEvent[] {
  let at = T0 + startDay * DAY;
  let state: StageState = INITIAL_STATE;
  const events: HistoryEvent[] = [
    {
      initiativeId: id,
      seq: 1,
      kind: 'created',
      fromStage: null,
      fromStatus: null,
      toStage: 'explore',
      toStatus: 'active',
      gate: null,
      decision: null,
      occurredAt: new Date(at),
    },
  ];
  for (const { event, afterDays } of moves) {
    const result = transition(state, event);
    if (!result.ok) continue;
    at += afterDays * DAY;
    events.push({
      initiativeId: id,
      seq: events.length + 1,
      kind: event.kind,
      fromStage: state.stage,
      fromStatus: state.status,
      toStage: result.to.stage,
      toStatus: result.to.status,
      gate: event.kind === 'decision' ? event.gate : null,
      decision: event.kind === 'decision' ? event.decision : null,
      occurredAt: new Date(at),
    });
    state = result.to;
  }
  return events;
}

export const go = (gate: 'G1' | 'G2' | 'G3', afterDays = 10) => ({
  event: { kind: 'decision' as const, gate, decision: 'go' as const },
  afterDays,
});
export const decide = (
  gate: 'G1' | 'G2' | 'G3',
  decision: 'kill' | 'hold' | 'recycle' | 'conditional_go',
  afterDays = 10,
) => ({
  event: { kind: 'decision' as const, gate, decision },
  afterDays,
});

export const marksOf = (events: readonly HistoryEvent[], ambition = 'core', horizon = 'H1'): Mark[] =>
  events.flatMap((e) => measuresOf(e).map((measure) => ({ ambition, horizon, measure, day: utcDay(e.occurredAt) })));

export const OPEN: DayPeriod = { fromDay: null, toDay: null };
