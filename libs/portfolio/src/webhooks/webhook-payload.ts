import { Decision, Gate, StageState } from '../domain/stage-machine';
import { StageEventKind } from '../stage-event.entity';

/** What a subscriber receives for a stage change; documented as the StageChangedWebhook schema of the OpenAPI document. */
export interface StageChangedWebhookBody {
  id: string;
  type: string;
  occurredAt: string;
  data: {
    initiativeId: string;
    portfolioId: string;
    /** decision (a gate review's), hold_expired, handover_accepted or handover_rejected. */
    kind: StageEventKind | null;
    /** The gate decision (go, conditional_go, kill, hold, recycle); null for the other kinds. */
    decision: Decision | null;
    /** The gate decided, or the gate whose hold ran out; null for the handover verdicts. */
    gate: Gate | null;
    reviewId: string | null;
    from: StageState;
    to: StageState;
  };
}

/** The body of a delivery, from the stored outbox event. Events stored before kind and decision were recorded get them inferred. */
export function stageChangedWebhookBody(
  eventId: string,
  type: string,
  occurredAt: Date,
  payload: Record<string, unknown>,
): StageChangedWebhookBody {
  const gate = (payload.gate ?? null) as Gate | null;
  return {
    id: eventId,
    type,
    occurredAt: occurredAt.toISOString(),
    data: {
      initiativeId: String(payload.initiativeId),
      portfolioId: String(payload.portfolioId),
      kind: (payload.kind ?? (gate === null ? null : 'decision')) as StageEventKind | null,
      decision: (payload.decision ?? null) as Decision | null,
      gate,
      reviewId: (payload.reviewId ?? null) as string | null,
      from: payload.from as StageState,
      to: payload.to as StageState,
    },
  };
}
