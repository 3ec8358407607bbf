import fc from 'fast-check';
import {
  ALL_EVENTS,
  DECISIONS,
  GATES,
  INITIAL_STATE,
  isTerminal,
  reachableStates,
  replay,
  StageEvent,
  StageState,
  STAGES,
  STATUSES,
  transition,
} from './stage-machine';

const ALL_STATES: StageState[] = STAGES.flatMap((stage) => STATUSES.map((status) => ({ stage, status })));

/** The expected outcome of every (state, event) pair, written out by hand as the specification. */
function expected(state: StageState, event: StageEvent): StageState | null {
  if (state.status === 'killed' || state.status === 'handed_over') return null;
  const next: Record<string, string> = { explore: 'experiment', experiment: 'develop', develop: 'handover' };
  const gateOf: Record<string, string> = { explore: 'G1', experiment: 'G2', develop: 'G3' };
  if (event.kind === 'hold_expired')
    return state.status === 'on_hold' ? { stage: state.stage, status: 'active' } : null;
  if (event.kind === 'handover_accepted')
    return state.stage === 'handover' && state.status === 'active'
      ? { stage: 'in_operation', status: 'handed_over' }
      : null;
  if (event.kind === 'handover_rejected')
    return state.stage === 'handover' && state.status === 'active' ? { stage: 'develop', status: 'active' } : null;
  if (state.status !== 'active' || gateOf[state.stage] !== event.gate) return null;
  if (event.decision === 'go' || event.decision === 'conditional_go')
    return { stage: next[state.stage] as StageState['stage'], status: 'active' };
  if (event.decision === 'kill') return { stage: state.stage, status: 'killed' };
  if (event.decision === 'hold') return { stage: state.stage, status: 'on_hold' };
  return { stage: state.stage, status: 'active' };
}

const matrix = ALL_STATES.flatMap((state) => ALL_EVENTS.map((event) => [state, event] as const));

describe('stage machine', () => {
  it.each(matrix.map(([s, e]) => [`${s.stage}/${s.status}`, JSON.stringify(e), s, e] as const))(
    '%s + %s',
    (_, __, state, event) => {
      const result = transition(state, event);
      const want = expected(state, event);
      if (want === null) expect(result.ok).toBe(false);
      else expect(result).toEqual({ ok: true, to: want });
    },
  );

  it('reaches exactly the legal states', () => {
    const keys = reachableStates()
      .map((s) => `${s.stage}/${s.status}`)
      .sort();
    expect(keys).toEqual(
      [
        'explore/active',
        'explore/on_hold',
        'explore/killed',
        'experiment/active',
        'experiment/on_hold',
        'experiment/killed',
        'develop/active',
        'develop/on_hold',
        'develop/killed',
        'handover/active',
        'in_operation/handed_over',
      ].sort(),
    );
  });

  const anyEvent = fc.oneof(
    fc.record({
      kind: fc.constant('decision' as const),
      gate: fc.constantFrom(...GATES),
      decision: fc.constantFrom(...DECISIONS),
    }),
    fc.constant({ kind: 'hold_expired' as const }),
    fc.constant({ kind: 'handover_accepted' as const }),
    fc.constant({ kind: 'handover_rejected' as const }),
  );

  it('no sequence of events reaches an illegal state, and refused events change nothing', () => {
    const legal = new Set(reachableStates().map((s) => `${s.stage}/${s.status}`));
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 60 }), (events) => {
        let state = INITIAL_STATE;
        for (const event of events) {
          const result = transition(state, event);
          if (result.ok) state = result.to;
          if (!legal.has(`${state.stage}/${state.status}`)) return false;
        }
        return true;
      }),
    );
  });

  it('killed and handed-over are terminal', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 60 }), fc.array(anyEvent, { maxLength: 20 }), (events, after) => {
        let state = INITIAL_STATE;
        for (const event of events) {
          const result = transition(state, event);
          if (result.ok) state = result.to;
        }
        if (!isTerminal(state)) return true;
        return after.every((event) => !transition(state, event).ok);
      }),
    );
  });

  it('replaying the accepted history gives the current state', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 60 }), (events) => {
        let state = INITIAL_STATE;
        const history: StageEvent[] = [];
        for (const event of events) {
          const result = transition(state, event);
          if (result.ok) {
            state = result.to;
            history.push(event);
          }
        }
        expect(replay(history)).toEqual(state);
      }),
    );
  });
});
