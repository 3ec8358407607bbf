import { DEMO } from './demo-initiatives';
import { DAY_MS, demoTimeline, timelineProblems } from './demo-timeline';

describe('demo timeline', () => {
  const now = new Date('2026-06-15T09:30:00Z');

  it('puts the creation and each decision the planned number of days apart, counting back from now', () => {
    const timeline = demoTimeline({ createdDaysAgo: 100, decisionsAfterDays: [30, 45] }, now);
    expect(timeline.createdAt.toISOString()).toBe('2026-03-07T09:30:00.000Z');
    expect(timeline.decidedAt.map((d) => d.toISOString())).toEqual([
      '2026-04-06T09:30:00.000Z',
      '2026-05-21T09:30:00.000Z',
    ]);
  });

  it('refuses a plan that reaches today or leaves no room for a review', () => {
    expect(timelineProblems({ createdDaysAgo: 60, decisionsAfterDays: [30, 30] })).toEqual([
      'the decisions take 60 days, but the idea is 60 days old',
    ]);
    expect(timelineProblems({ createdDaysAgo: 60, decisionsAfterDays: [8] })).toEqual([
      'decision 1 comes 8 days after the previous event: its review needs more than 8',
    ]);
  });

  it.each(DEMO.map((d) => [d.title, d] as const))('%s: a valid plan within the last year', (_title, demo) => {
    const plan = { createdDaysAgo: demo.createdDaysAgo, decisionsAfterDays: demo.history.map((d) => d.afterDays) };
    expect(timelineProblems(plan)).toEqual([]);
    expect(demo.createdDaysAgo).toBeLessThanOrEqual(365);
  });

  it('every stage passage of the demo lasts realistic days: explore 20–60, experiment 40–120, develop 60–150', () => {
    const passages: Record<string, number[]> = { explore: [], experiment: [], develop: [] };
    const next: Record<string, string> = { G1: 'explore', G2: 'experiment', G3: 'develop' };
    for (const demo of DEMO) {
      const { createdAt, decidedAt } = demoTimeline(
        { createdDaysAgo: demo.createdDaysAgo, decisionsAfterDays: demo.history.map((d) => d.afterDays) },
        now,
      );
      let entered = createdAt;
      demo.history.forEach((decision, index) => {
        const at = decidedAt[index] as Date;
        if (decision.decision !== 'go') return;
        passages[next[decision.gate] as string]?.push((at.getTime() - entered.getTime()) / DAY_MS);
        entered = at;
      });
    }
    expect(passages.explore?.length).toBe(6);
    expect(passages.experiment?.length).toBe(2);
    expect(passages.develop?.length).toBe(2);
    for (const [stage, [low, high]] of [
      ['explore', [20, 60]],
      ['experiment', [40, 120]],
      ['develop', [60, 150]],
    ] as const) {
      for (const days of passages[stage] ?? []) {
        expect(days).toBeGreaterThanOrEqual(low);
        expect(days).toBeLessThanOrEqual(high);
      }
    }
  });
});
