import fc from 'fast-check';
import { PanelCandidate, selectReviewPanel } from './review-panel';

const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 0, minute));
const person = (id: string, openLoad = 0, lastAssignedAt: Date | null = null, assignedTotal = 0): PanelCandidate => ({
  id,
  openLoad,
  lastAssignedAt,
  assignedTotal,
});

describe('selectReviewPanel', () => {
  it.each([
    ['fewest open reviews first', [person('a', 2), person('b', 0), person('c', 1)], ['b', 'c']],
    [
      'on a tie, the one who waited longest',
      [person('a', 0, at(5)), person('b', 0, at(1)), person('c', 0, at(3))],
      ['b', 'c'],
    ],
    [
      'never assigned before anyone assigned',
      [person('a', 0, at(1)), person('z', 0, null), person('m', 0, at(2))],
      ['z', 'a'],
    ],
    [
      'assigned at the same time, the one given fewer reviews',
      [person('a', 0, at(1), 7), person('b', 0, at(1), 3), person('c', 0, at(2), 0)],
      ['b', 'a'],
    ],
    ['never the owner', [person('owner'), person('b', 3), person('c', 4)], ['b', 'c']],
  ])('scorers: %s', (_rule, gatekeepers, expected) => {
    const panel = selectReviewPanel({ ownerId: 'owner', needed: 2, gatekeepers, chairs: [person('chair')] });
    expect(panel).toEqual({ gatekeeperIds: expected, chairId: 'chair', problem: null });
  });

  it.each([
    [
      'a leader who can be spared from scoring chairs and does not score',
      [person('lead'), person('g1', 1), person('g2', 1)],
      [person('lead')],
      'lead',
      ['g1', 'g2'],
    ],
    [
      'the spare leader is preferred to a less loaded one who must score',
      [person('lead1'), person('g1')],
      [person('lead1', 0), person('lead2', 3)],
      'lead2',
      ['g1', 'lead1'],
    ],
    [
      'a lone leader who must score still chairs',
      [person('lead'), person('g1')],
      [person('lead')],
      'lead',
      ['g1', 'lead'],
    ],
    [
      'chairs rotate by load, then by wait',
      [person('g1'), person('g2')],
      [person('l1', 0, at(9)), person('l2', 0, at(2))],
      'l2',
      ['g1', 'g2'],
    ],
  ])('chair: %s', (_rule, gatekeepers, chairs, chairId, scorers) => {
    const panel = selectReviewPanel({ ownerId: 'owner', needed: 2, gatekeepers, chairs });
    expect(panel).toEqual({ gatekeeperIds: scorers, chairId, problem: null });
  });

  it('says what is missing', () => {
    expect(
      selectReviewPanel({ ownerId: 'o', needed: 2, gatekeepers: [person('o'), person('g')], chairs: [person('c')] }),
    ).toEqual({
      problem: 'the gate needs 2 gatekeepers other than the owner; 1 are available',
    });
    expect(
      selectReviewPanel({ ownerId: 'o', needed: 1, gatekeepers: [person('g')], chairs: [person('o')] }).problem,
    ).toMatch(/no gate chair/);
  });

  it('over a run of reviews that each close before the next, every gatekeeper scores an even share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 40 }),
        (pool, needed, rounds) => {
          fc.pre(needed <= pool);
          const last = new Map<string, Date>();
          const count = new Map<string, number>();
          const ids = Array.from({ length: pool }, (_, i) => `g${i}`);
          for (let round = 0; round < rounds; round += 1) {
            const gatekeepers = ids.map((id) => person(id, 0, last.get(id) ?? null, count.get(id) ?? 0));
            const panel = selectReviewPanel({ ownerId: 'owner', needed, gatekeepers, chairs: [person('chair')] });
            if (panel.problem !== null) throw new Error(panel.problem);
            for (const id of panel.gatekeeperIds) {
              last.set(id, at(round));
              count.set(id, (count.get(id) ?? 0) + 1);
            }
          }
          const shares = ids.map((id) => count.get(id) ?? 0);
          expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('the chair scores only when the gate could not be staffed otherwise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (others, needed, leaderScores) => {
          const gatekeepers = [
            ...Array.from({ length: others }, (_, i) => person(`g${i}`)),
            ...(leaderScores ? [person('lead')] : []),
          ];
          fc.pre(gatekeepers.length >= needed);
          const panel = selectReviewPanel({ ownerId: 'owner', needed, gatekeepers, chairs: [person('lead')] });
          if (panel.problem !== null) throw new Error(panel.problem);
          expect(panel.gatekeeperIds).toHaveLength(needed);
          expect(panel.gatekeeperIds.includes('lead')).toBe(others < needed);
        },
      ),
    );
  });
});
