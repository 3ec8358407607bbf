/**
 * The stage machine: every legal move of an initiative follows from TRANSITIONS. Pure: no framework imports.
 * Stages change only through gate decisions (and, at the end, the handover's acceptance or rejection).
 */
export const STAGES = ['explore', 'experiment', 'develop', 'handover', 'in_operation'] as const;
export type Stage = (typeof STAGES)[number];

export const STATUSES = ['active', 'on_hold', 'killed', 'handed_over'] as const;
export type InitiativeStatus = (typeof STATUSES)[number];

export const GATES = ['G1', 'G2', 'G3'] as const;
export type Gate = (typeof GATES)[number];

export const DECISIONS = ['go', 'conditional_go', 'kill', 'hold', 'recycle'] as const;
export type Decision = (typeof DECISIONS)[number];

/** What moves an initiative: a gate decision, a hold running out, or the quality head's verdict on the handover. */
export type StageEvent =
  | { kind: 'decision'; gate: Gate; decision: Decision }
  | { kind: 'hold_expired' }
  | { kind: 'handover_accepted' }
  | { kind: 'handover_rejected' };

export interface StageState {
  stage: Stage;
  status: InitiativeStatus;
}

/** The gate that closes each stage; stages without one are not decided by gate reviews. */
export const GATE_OF_STAGE: Partial<Record<Stage, Gate>> = { explore: 'G1', experiment: 'G2', develop: 'G3' };
const NEXT_STAGE: Partial<Record<Stage, Stage>> = { explore: 'experiment', experiment: 'develop', develop: 'handover' };

export const INITIAL_STATE: StageState = { stage: 'explore', status: 'active' };

export function isTerminal(state: StageState): boolean {
  return state.status === 'killed' || state.status === 'handed_over';
}

export type TransitionResult = { ok: true; to: StageState } | { ok: false; reason: string };

/** The one transition function. Expected refusals are values, not exceptions. */
export function transition(from: StageState, event: StageEvent): TransitionResult {
  if (isTerminal(from)) return refuse(`an initiative that is ${from.status} cannot change`);
  switch (event.kind) {
    case 'decision':
      return decide(from, event.gate, event.decision);
    case 'hold_expired':
      return from.status === 'on_hold'
        ? allow(from.stage, 'active')
        : refuse('only an initiative on hold can come back from hold');
    case 'handover_accepted':
      return from.stage === 'handover' && from.status === 'active'
        ? allow('in_operation', 'handed_over')
        : refuse('only an initiative in handover can be accepted into operation');
    case 'handover_rejected':
      return from.stage === 'handover' && from.status === 'active'
        ? allow('develop', 'active')
        : refuse('only an initiative in handover can be sent back to develop');
  }
}

function decide(from: StageState, gate: Gate, decision: Decision): TransitionResult {
  if (from.status !== 'active') return refuse(`an initiative that is ${from.status} cannot be decided`);
  const gateOfStage = GATE_OF_STAGE[from.stage];
  if (gateOfStage !== gate) return refuse(`${gate} does not close the ${from.stage} stage`);
  switch (decision) {
    case 'go':
    case 'conditional_go':
      return allow(NEXT_STAGE[from.stage] ?? from.stage, 'active');
    case 'kill':
      return allow(from.stage, 'killed');
    case 'hold':
      return allow(from.stage, 'on_hold');
    case 'recycle':
      return allow(from.stage, 'active');
  }
}

function allow(stage: Stage, status: InitiativeStatus): TransitionResult {
  return { ok: true, to: { stage, status } };
}

function refuse(reason: string): TransitionResult {
  return { ok: false, reason };
}

/** Folds a history of accepted events from the initial state; replaying history must give the current state. */
export function replay(events: readonly StageEvent[]): StageState {
  return events.reduce<StageState>((state, event) => {
    const result = transition(state, event);
    if (!result.ok) throw new Error(`history holds an illegal move: ${result.reason}`);
    return result.to;
  }, INITIAL_STATE);
}

/** Every state an initiative can be in. */
export function reachableStates(): StageState[] {
  const seen = new Map<string, StageState>();
  const queue: StageState[] = [INITIAL_STATE];
  while (queue.length > 0) {
    const state = queue.shift() as StageState;
    const key = `${state.stage}/${state.status}`;
    if (seen.has(key)) continue;
    seen.set(key, state);
    for (const event of ALL_EVENTS) {
      const result = transition(state, event);
      if (result.ok) queue.push(result.to);
    }
  }
  return [...seen.values()];
}

export const ALL_EVENTS: readonly StageEvent[] = [
  ...GATES.flatMap((gate) => DECISIONS.map((decision) => ({ kind: 'decision' as const, gate, decision }))),
  { kind: 'hold_expired' },
  { kind: 'handover_accepted' },
  { kind: 'handover_rejected' },
];
