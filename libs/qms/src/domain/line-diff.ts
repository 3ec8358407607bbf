export type DiffLine = { op: 'same' | 'add' | 'remove'; text: string };

/** A line diff (longest common subsequence) of two texts, for change requests against the effective revision. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] as string });
      i += 1;
      j += 1;
    } else if (j < b.length && (i >= a.length || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      out.push({ op: 'add', text: b[j] as string });
      j += 1;
    } else {
      out.push({ op: 'remove', text: a[i] as string });
      i += 1;
    }
  }
  return out;
}

/** The diff as text: '+ ' added, '- ' removed, '  ' unchanged. */
export function renderDiff(lines: DiffLine[]): string {
  return lines.map((l) => `${l.op === 'add' ? '+ ' : l.op === 'remove' ? '- ' : '  '}${l.text}`).join('\n');
}
