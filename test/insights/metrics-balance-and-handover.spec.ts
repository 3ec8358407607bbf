import { balanceOf, handoverCountsOf, utcDay } from '@ambidex/insights';
import { packageMarks, seriesOf, timeToControlledSeconds } from './metrics-oracle';
import { DAY, decide, go, history, marksOf, OPEN, T0 } from './metrics-histories';

/** Portfolio balance against its targets, and handover acceptance and time-to-controlled. */
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
