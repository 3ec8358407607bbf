/** How many current learnings the log shows before "Show more": a long log must not mount every card at once. */
export const LEARNINGS_PAGE = 50;

interface Dated {
  createdAt: string;
  supersededBy: string | null;
}

/** Current and superseded learnings, newest first (the API answers oldest first). */
export function splitLearnings<T extends Dated>(all: readonly T[]): { current: T[]; superseded: T[] } {
  // Stable sort on a reversed copy: learnings of the same instant keep "later in the answer is newer".
  const newestFirst = [...all].reverse().sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return {
    current: newestFirst.filter((l) => l.supersededBy === null),
    superseded: newestFirst.filter((l) => l.supersededBy !== null),
  };
}

/** The first `shown` items, how many are left, and how many the next "Show more" adds. */
export function page<T>(
  items: readonly T[],
  shown: number,
  size = LEARNINGS_PAGE,
): { visible: T[]; hidden: number; next: number } {
  const visible = items.slice(0, Math.max(0, shown));
  const hidden = items.length - visible.length;
  return { visible, hidden, next: Math.min(size, hidden) };
}
