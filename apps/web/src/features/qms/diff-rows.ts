export type Row = { left: string | null; right: string | null; kind: 'same' | 'changed' };

/** Pairs each run of removed lines with the run of added lines after it, so a changed line sits beside its new text. */
export function sideBySide(diff: string): Row[] {
  const rows: Row[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++)
      rows.push({ left: removed[i] ?? null, right: added[i] ?? null, kind: 'changed' });
    removed = [];
    added = [];
  };
  for (const line of diff.split('\n')) {
    const text = line.slice(2);
    if (line.startsWith('- ')) removed.push(text);
    else if (line.startsWith('+ ')) added.push(text);
    else {
      flush();
      rows.push({ left: text, right: text, kind: 'same' });
    }
  }
  flush();
  return rows;
}
