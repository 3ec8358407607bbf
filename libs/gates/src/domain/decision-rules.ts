import { Decision } from '@ambidex/portfolio/domain';
import {
  GateNotPassedError,
  InvalidDecisionError,
  NotChairError,
  ReviewNotAwaitingDecisionError,
} from './gates.errors';
import { ReviewStatus } from './review-status';

/** What the chair sends: the decision and the inputs some decisions require (and others must not carry). */
export interface DecisionRequest {
  decision: Decision;
  reason?: string;
  conditions?: readonly unknown[];
  holdUntil?: Date;
}

/** What the rules need to know of the review, its initiative and the person deciding. */
export interface DecisionContext {
  status: ReviewStatus;
  passed: boolean | null;
  chairId: string | null;
  ownerId: string;
  deciderId: string;
}

export type DecisionRefusal =
  InvalidDecisionError | NotChairError | ReviewNotAwaitingDecisionError | GateNotPassedError;

/**
 * The refusal a decision gets, or null when it may be recorded: its inputs first (they need no review, so a
 * malformed request is refused before anything is read), then who decides, the review's status, and the outcome.
 */
export function decisionRefusal(request: DecisionRequest, context: DecisionContext, now: Date): DecisionRefusal | null {
  return decisionInputRefusal(request, now) ?? decisionContextRefusal(request.decision, context);
}

/** Kill needs a reason, Conditional Go conditions, Hold a future expiry; no other decision carries the latter two. */
export function decisionInputRefusal(request: DecisionRequest, now: Date): InvalidDecisionError | null {
  const { decision, reason, conditions = [], holdUntil } = request;
  if (decision === 'kill' && (reason ?? '').trim() === '')
    return new InvalidDecisionError('reason', 'a Kill needs a reason');
  if (decision === 'conditional_go' && conditions.length === 0) {
    return new InvalidDecisionError('conditions', 'a Conditional Go needs at least one condition');
  }
  if (decision !== 'conditional_go' && conditions.length > 0)
    return new InvalidDecisionError('conditions', 'only a Conditional Go has conditions');
  if (decision === 'hold' && (holdUntil === undefined || holdUntil.getTime() <= now.getTime())) {
    return new InvalidDecisionError('holdUntil', 'a Hold needs an expiry date in the future');
  }
  if (decision !== 'hold' && holdUntil !== undefined)
    return new InvalidDecisionError('holdUntil', 'only a Hold has an expiry date');
  return null;
}

/** Only the chair decides, and never on their own initiative; only a review awaiting a decision; Go only if it passed. */
export function decisionContextRefusal(decision: Decision, context: DecisionContext): DecisionRefusal | null {
  if (context.chairId !== context.deciderId || context.ownerId === context.deciderId) return new NotChairError();
  if (context.status !== 'awaiting_decision') return new ReviewNotAwaitingDecisionError();
  if (isGo(decision) && context.passed !== true) return new GateNotPassedError();
  return null;
}

/** Go and Conditional Go both move the initiative on. */
export function isGo(decision: Decision): boolean {
  return decision === 'go' || decision === 'conditional_go';
}
