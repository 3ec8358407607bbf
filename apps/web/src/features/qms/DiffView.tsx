import { sideBySide } from './diff-rows';

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
