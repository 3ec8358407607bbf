import { LEARNINGS_PAGE, page, splitLearnings } from './learning-pages';

const learning = (id: string, createdAt: string, supersededBy: string | null = null) => ({
  id,
  createdAt,
  supersededBy,
});

describe('learning log paging', () => {
  it('splits current from superseded, newest first', () => {
    const all = [
      learning('a', '2026-01-01T00:00:00Z', 'c'),
      learning('b', '2026-01-02T00:00:00Z'),
      learning('c', '2026-01-03T00:00:00Z'),
    ];
    const { current, superseded } = splitLearnings(all);
    expect(current.map((l) => l.id)).toEqual(['c', 'b']);
    expect(superseded.map((l) => l.id)).toEqual(['a']);
  });

  it('counts a later entry of the same instant as newer', () => {
    const same = '2026-01-01T00:00:00Z';
    expect(splitLearnings([learning('first', same), learning('second', same)]).current.map((l) => l.id)).toEqual([
      'second',
      'first',
    ]);
  });

  it('shows one page of 50, then says how many more the button adds', () => {
    const items = Array.from({ length: 480 }, (_, i) => i);
    const first = page(items, LEARNINGS_PAGE);
    expect(first.visible).toHaveLength(50);
    expect(first.visible[0]).toBe(0);
    expect([first.hidden, first.next]).toEqual([430, 50]);
    const last = page(items, 450);
    expect([last.visible.length, last.hidden, last.next]).toEqual([450, 30, 30]);
    expect(page(items, 500)).toMatchObject({ hidden: 0, next: 0 });
  });

  it('shows everything when there is less than a page', () => {
    expect(page([1, 2, 3], LEARNINGS_PAGE)).toEqual({ visible: [1, 2, 3], hidden: 0, next: 0 });
  });
});
