type Row = { left: string | null; right: string | null; kind: 'same' | 'changed' };

/** Pairs each run of removed lines with the run of added lines after it, so a changed line sits beside its new text. */
export function sideBySide(diff: string): Row[] {
  const rows: Row[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) rows.push({ left: removed[i] ?? null, right: added[i] ?? null, kind: 'changed' });
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

/** A change request's line diff ("- ", "+ ", "  " prefixes) shown side by side. */
export function DiffView({ diff }: { diff: string }) {
  return (
    <table className="diff">
      <caption className="sr-only">Changes: the effective revision on the left, the proposal on the right</caption>
      <thead>
        <tr>
          <th scope="col">Effective</th>
          <th scope="col">Proposed</th>
        </tr>
      </thead>
      <tbody>
        {sideBySide(diff).map((r, i) => (
          <tr key={i} className={r.kind}>
            <td className={r.kind === 'changed' && r.left !== null ? 'removed' : undefined}>{r.left ?? ''}</td>
            <td className={r.kind === 'changed' && r.right !== null ? 'added' : undefined}>{r.right ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
