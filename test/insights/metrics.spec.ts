import { addDays, balanceOf, DayPeriod, funnelOf, gateRow, gatesOf, handoverCountsOf, utcDay } from '@ambidex/insights';
import { ALL_EVENTS, INITIAL_STATE, StageEvent, StageState, transition } from '@ambidex/portfolio';
import fc from 'fast-check';
import {
  cycleTimesOf,
  entersStage,
  HistoryEvent,
  leavesStage,
  Mark,
  measuresOf,
  packageMarks,
  passagesOf,
  percentileDisc,
  seriesOf,
  summarize,
  timeToControlledSeconds,
} from './metrics-oracle';

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00Z');

/** A legal history: the created event, then the given moves applied with the portfolio's stage machine. */
function history(id: string, moves: readonly { event: StageEvent; afterDays: number }[], startDay = 0): HistoryEvent[] {
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

const go = (gate: 'G1' | 'G2' | 'G3', afterDays = 10) => ({
  event: { kind: 'decision' as const, gate, decision: 'go' as const },
  afterDays,
});
const decide = (
  gate: 'G1' | 'G2' | 'G3',
  decision: 'kill' | 'hold' | 'recycle' | 'conditional_go',
  afterDays = 10,
) => ({
  event: { kind: 'decision' as const, gate, decision },
  afterDays,
});

const marksOf = (events: readonly HistoryEvent[], ambition = 'core', horizon = 'H1'): Mark[] =>
  events.flatMap((e) => measuresOf(e).map((measure) => ({ ambition, horizon, measure, day: utcDay(e.occurredAt) })));

const OPEN: DayPeriod = { fromDay: null, toDay: null };

describe('movements', () => {
  const event = (over: Partial<HistoryEvent>): HistoryEvent => ({
    initiativeId: 'i',
    seq: 2,
    kind: 'decision',
    fromStage: 'explore',
    fromStatus: 'active',
    toStage: 'explore',
    toStatus: 'active',
    gate: 'G1',
    decision: 'recycle',
    occurredAt: new Date(T0),
    ...over,
  });

  it.each([
    ['creation', { kind: 'created', fromStage: null, fromStatus: null, gate: null, decision: null }, ['in.explore']],
    ['go', { toStage: 'experiment', decision: 'go' }, ['out.explore', 'in.experiment', 'G1.go']],
    [
      'conditional go',
      { toStage: 'experiment', decision: 'conditional_go' },
      ['out.explore', 'in.experiment', 'G1.conditional_go'],
    ],
    ['kill (leaves the stage in place)', { toStatus: 'killed', decision: 'kill' }, ['out.explore', 'G1.kill']],
    ['hold (stays)', { toStatus: 'on_hold', decision: 'hold' }, ['G1.hold']],
    ['recycle (stays)', {}, ['G1.recycle']],
    ['hold expired (stays)', { kind: 'hold_expired', fromStatus: 'on_hold', gate: null, decision: null }, []],
    [
      'handover accepted',
      {
        kind: 'handover_accepted',
        fromStage: 'handover',
        toStage: 'in_operation',
        toStatus: 'handed_over',
        gate: null,
        decision: null,
      },
      ['out.handover', 'in.in_operation'],
    ],
    [
      'handover rejected',
      { kind: 'handover_rejected', fromStage: 'handover', toStage: 'develop', gate: null, decision: null },
      ['out.handover', 'in.develop'],
    ],
    [
      'created killed (never in a stage)',
      { kind: 'created', fromStage: null, fromStatus: null, toStatus: 'killed', gate: null, decision: null },
      [],
    ],
  ] as [string, Partial<HistoryEvent>, string[]][])('%s counts as %j', (_name, over, measures) => {
    expect(measuresOf(event(over))).toEqual(measures);
  });

  it('every legal move enters at most one stage and leaves at most one', () => {
    const states: StageState[] = [
      INITIAL_STATE,
      { stage: 'develop', status: 'on_hold' },
      { stage: 'handover', status: 'active' },
    ];
    for (const from of states) {
      for (const e of ALL_EVENTS) {
        const result = transition(from, e);
        if (!result.ok) continue;
        const ev = {
          fromStage: from.stage,
          fromStatus: from.status,
          toStage: result.to.stage,
          toStatus: result.to.status,
        };
        // Entering and leaving go together exactly when the stage changes.
        expect(entersStage(ev) && leavesStage(ev)).toBe(from.stage !== result.to.stage);
      }
    }
  });
});

describe('funnel', () => {
  it('counts current, inflow and outflow per stage', () => {
    const a = history('a', [go('G1'), go('G2')]); // develop
    const b = history('b', [decide('G1', 'kill')]); // killed in explore
    const c = history('c', [decide('G1', 'hold')]); // on hold in explore: still in it
    const funnel = funnelOf(seriesOf([...marksOf(a), ...marksOf(b), ...marksOf(c)], OPEN));
    expect(funnel).toEqual([
      { stage: 'explore', current: 1, inflow: 3, outflow: 2 },
      { stage: 'experiment', current: 0, inflow: 1, outflow: 1 },
      { stage: 'develop', current: 1, inflow: 1, outflow: 0 },
      { stage: 'handover', current: 0, inflow: 0, outflow: 0 },
      { stage: 'in_operation', current: 0, inflow: 0, outflow: 0 },
    ]);
  });

  it('current is as of the end of the period; inflow and outflow count inside it only', () => {
    const a = history('a', [go('G1', 10), go('G2', 10)]); // explore d0, experiment d10, develop d20
    const period: DayPeriod = { fromDay: addDays(utcDay(new Date(T0)), 5), toDay: addDays(utcDay(new Date(T0)), 15) };
    expect(funnelOf(seriesOf(marksOf(a), period)).slice(0, 3)).toEqual([
      { stage: 'explore', current: 0, inflow: 0, outflow: 1 },
      { stage: 'experiment', current: 1, inflow: 1, outflow: 0 },
      { stage: 'develop', current: 0, inflow: 0, outflow: 0 },
    ]);
  });

  const movesArb = fc.array(
    fc.record({ event: fc.constantFrom(...ALL_EVENTS), afterDays: fc.integer({ min: 0, max: 40 }) }),
    { maxLength: 25 },
  );

  it('reconciles with the history: current = the initiatives whose last state is in the stage (property)', () => {
    fc.assert(
      fc.property(fc.array(movesArb, { minLength: 1, maxLength: 12 }), (histories) => {
        const all = histories.map((moves, k) => history(`i${k}`, moves, k));
        const funnel = funnelOf(
          seriesOf(
            all.flatMap((h) => marksOf(h)),
            OPEN,
          ),
        );
        for (const row of funnel) {
          const expected = all.filter((h) => {
            const last = h[h.length - 1] as HistoryEvent;
            return last.toStage === row.stage && last.toStatus !== 'killed';
          }).length;
          expect(row.current).toBe(expected);
        }
      }),
    );
  });

  it('current at the end = current at the start + inflow − outflow, for any period (property)', () => {
    fc.assert(
      fc.property(
        fc.array(movesArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        (histories, start, length) => {
          const marks = histories.flatMap((moves, k) => marksOf(history(`i${k}`, moves, k)));
          const day0 = utcDay(new Date(T0));
          const from = addDays(day0, start);
          const to = addDays(from, length);
          const before = funnelOf(seriesOf(marks, { fromDay: null, toDay: from }));
          const during = funnelOf(seriesOf(marks, { fromDay: from, toDay: to }));
          during.forEach((row, i) => expect(row.current).toBe((before[i]?.current ?? 0) + row.inflow - row.outflow));
        },
      ),
    );
  });
});

describe('gates', () => {
  it('rates are shares of the decisions, to four decimals, null without decisions', () => {
    expect(gateRow('G1', { go: 1, conditional_go: 1, kill: 1, hold: 0, recycle: 0 })).toEqual({
      gate: 'G1',
      decisions: 3,
      go: 1,
      conditionalGo: 1,
      kill: 1,
      hold: 0,
      recycle: 0,
      conversionRate: 0.6667,
      killRate: 0.3333,
      recycleRate: 0,
      holdRate: 0,
    });
    expect(gateRow('G2', { go: 0, conditional_go: 0, kill: 0, hold: 0, recycle: 0 })).toMatchObject({
      decisions: 0,
      conversionRate: null,
      killRate: null,
      recycleRate: null,
      holdRate: null,
    });
  });

  it('counts every decision, a recycled initiative each time', () => {
    const a = history('a', [
      decide('G1', 'recycle'),
      decide('G1', 'recycle'),
      go('G1'),
      decide('G2', 'hold'),
      { event: { kind: 'hold_expired' }, afterDays: 3 },
      decide('G2', 'kill'),
    ]);
    const [g1, g2, g3] = gatesOf(seriesOf(marksOf(a), OPEN));
    expect(g1).toMatchObject({ decisions: 3, recycle: 2, go: 1, conversionRate: 0.3333, recycleRate: 0.6667 });
    expect(g2).toMatchObject({ decisions: 2, hold: 1, kill: 1, killRate: 0.5, holdRate: 0.5 });
    expect(g3).toMatchObject({ decisions: 0, conversionRate: null });
  });
});

describe('cycle times', () => {
  it('a passage runs from one stage entry to the next; kills and stays in progress are no passage', () => {
    const a = history('a', [
      decide('G1', 'recycle', 5),
      go('G1', 7),
      decide('G2', 'hold', 3),
      { event: { kind: 'hold_expired' }, afterDays: 4 },
      go('G2', 6),
    ]);
    expect(passagesOf(a).map((p) => [p.stage, p.seconds / 86_400])).toEqual([
      ['explore', 12],
      ['experiment', 13],
    ]);
    expect(passagesOf(history('b', [go('G1', 5), decide('G2', 'kill', 9)])).map((p) => p.stage)).toEqual(['explore']);
  });

  it('a rejected handover starts a new develop passage', () => {
    const a = history('a', [
      go('G1', 1),
      go('G2', 2),
      go('G3', 3),
      { event: { kind: 'handover_rejected' }, afterDays: 4 },
      go('G3', 5),
      { event: { kind: 'handover_accepted' }, afterDays: 6 },
    ]);
    expect(passagesOf(a).map((p) => [p.stage, p.seconds / 86_400])).toEqual([
      ['explore', 1],
      ['experiment', 2],
      ['develop', 3],
      ['handover', 4],
      ['develop', 5],
      ['handover', 6],
    ]);
  });

  it('median and 85th percentile are nearest-rank, in days to two decimals, over passages that ended in the period', () => {
    const histories = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d, k) => history(`i${k}`, [go('G1', d)], k));
    const rows = cycleTimesOf(histories.flatMap(passagesOf), OPEN);
    expect(rows[0]).toEqual({ stage: 'explore', medianDays: 5, p85Days: 9, samples: 10 });
    expect(rows[1]).toEqual({ stage: 'experiment', medianDays: null, p85Days: null, samples: 0 });
    const late = cycleTimesOf(histories.flatMap(passagesOf), {
      fromDay: addDays(utcDay(new Date(T0)), 12),
      toDay: null,
    });
    // Passage k (k = 0..9) starts on day k, lasts k + 1 days, so ends on day 2k + 1: four end on day 12 or later.
    expect(late[0]).toMatchObject({ samples: 4, medianDays: 8, p85Days: 10 });
  });

  it('percentileDisc is PostgreSQL percentile_disc: the first value reaching the fraction', () => {
    expect(percentileDisc([], 0.5)).toBeNull();
    expect(percentileDisc([7], 0.85)).toBe(7);
    expect(percentileDisc([1, 2], 0.5)).toBe(1);
    expect(percentileDisc([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentileDisc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.85)).toBe(17);
    expect(percentileDisc([1, 2, 3], 0)).toBe(1);
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const sorted = [...values].sort((a, b) => a - b);
          const v = percentileDisc(sorted, p) as number;
          // At least p of the samples are ≤ v, and fewer than p are < v.
          expect(sorted.filter((x) => x <= v).length).toBeGreaterThanOrEqual(p * sorted.length - 1e-9);
          expect(sorted.filter((x) => x < v).length).toBeLessThan(Math.max(1, p * sorted.length));
        },
      ),
    );
    expect(summarize([3, 1, 2])).toEqual({ samples: 3, p50: 2, p85: 3 });
  });
});

describe('balance', () => {
  it('counts the pipeline (explore to handover, not killed) at the end of the period against the targets', () => {
    const marks = [
      ...marksOf(history('a', [go('G1')]), 'core', 'H1'),
      ...marksOf(history('b', []), 'core', 'H2'),
      ...marksOf(history('c', [decide('G1', 'kill')]), 'adjacent', 'H1'),
      ...marksOf(
        history('d', [go('G1'), go('G2'), go('G3'), { event: { kind: 'handover_accepted' }, afterDays: 1 }]),
        'transformational',
        'H3',
      ),
      ...marksOf(history('e', [decide('G1', 'hold')]), 'transformational', 'H3'),
    ];
    expect(
      balanceOf(seriesOf(marks, OPEN), {
        ambition: { core: 70, adjacent: 20, transformational: 10 },
        horizon: { H1: 50, H2: 30, H3: 20 },
      }),
    ).toEqual({
      ambition: [
        { bucket: 'core', count: 2, share: 0.6667, target: 0.7 },
        { bucket: 'adjacent', count: 0, share: 0, target: 0.2 },
        { bucket: 'transformational', count: 1, share: 0.3333, target: 0.1 },
      ],
      horizon: [
        { bucket: 'H1', count: 1, share: 0.3333, target: 0.5 },
        { bucket: 'H2', count: 1, share: 0.3333, target: 0.3 },
        { bucket: 'H3', count: 1, share: 0.3333, target: 0.2 },
      ],
    });
  });

  it('an empty pipeline has shares of 0', () => {
    const b = balanceOf([], {
      ambition: { core: 70, adjacent: 20, transformational: 10 },
      horizon: { H1: 70, H2: 20, H3: 10 },
    });
    expect(b.ambition.map((r) => [r.count, r.share])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('handover', () => {
  const at = (d: number) => new Date(T0 + d * DAY);

  it('acceptance rate = (accepted + accepted with conditions) / decided; drafts and submitted packages are not decided', () => {
    const packages = [
      { status: 'accepted', decidedAt: at(1), controlledAt: null, finalGoAt: null },
      { status: 'accepted_with_conditions', decidedAt: at(2), controlledAt: null, finalGoAt: null },
      { status: 'rejected', decidedAt: at(3), controlledAt: null, finalGoAt: null },
      { status: 'submitted', decidedAt: null, controlledAt: null, finalGoAt: null },
    ];
    const marks = packages.flatMap((p) =>
      packageMarks(p).map((measure) => ({
        ambition: 'core',
        horizon: 'H1',
        measure,
        day: utcDay(p.decidedAt ?? at(0)),
      })),
    );
    expect(handoverCountsOf(seriesOf(marks, OPEN))).toEqual({ decided: 3, accepted: 2, acceptanceRate: 0.6667 });
    expect(handoverCountsOf([])).toEqual({ decided: 0, accepted: 0, acceptanceRate: null });
  });

  it('time-to-controlled runs from the final Go to controlled', () => {
    expect(
      timeToControlledSeconds({ status: 'accepted', decidedAt: at(5), controlledAt: at(12), finalGoAt: at(2) }),
    ).toEqual({ seconds: 10 * 86_400, endDay: utcDay(at(12)) });
    expect(
      timeToControlledSeconds({ status: 'accepted', decidedAt: at(5), controlledAt: null, finalGoAt: at(2) }),
    ).toBeNull();
  });
});
