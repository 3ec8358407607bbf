import { useId, type ReactNode } from 'react';
import { useFigureMode } from './figure-context';
import type { Selection } from './selections';

/**
 * One figure of the dashboard: its title, a CSV export of it, what it means, its charts, and its data table (the
 * charts' text alternative, folded on screen and open on paper).
 */
export function FigureCard({
  title,
  hint,
  exportHref,
  exportName,
  wide,
  children,
  table,
}: {
  title: string;
  hint: string;
  exportHref?: string;
  /** What the export holds, for its accessible name: "Export funnel as CSV". */
  exportName?: string;
  wide?: boolean;
  children?: ReactNode;
  table: ReactNode;
}) {
  const { print } = useFigureMode();
  const id = useId();
  return (
    <article className={wide === true ? 'figure-card wide' : 'figure-card'} aria-labelledby={id}>
      <header>
        <h2 id={id}>{title}</h2>
        {!print && exportHref !== undefined && (
          <a className="csv" href={exportHref} download aria-label={`Export ${exportName ?? title} as CSV`}>
            CSV
          </a>
        )}
      </header>
      <p className="hint">{hint}</p>
      {children}
      {children === undefined || print ? (
        <TableWrap title={title}>{table}</TableWrap>
      ) : (
        <details className="data-toggle">
          <summary>Data table</summary>
          <TableWrap title={title}>{table}</TableWrap>
        </details>
      )}
    </article>
  );
}

/** A wide table scrolls inside its card on a phone, so the page never does; the keyboard can scroll it too. */
function TableWrap({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={`${title}: data`} tabIndex={0}>
      {children}
    </div>
  );
}

export interface Column {
  label: string;
  numeric?: boolean;
}

/** A figure's numbers; the first cell of a row heads it. */
export function FigureTable({
  caption,
  columns,
  rows,
  empty,
}: {
  caption: string;
  columns: readonly Column[];
  rows: readonly ReactNode[][];
  empty?: string;
}) {
  return (
    <table className="data figures">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col" className={c.numeric === true ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="empty">
              {empty ?? 'Nothing to show for these filters.'}
            </td>
          </tr>
        ) : (
          rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={columns[i]?.numeric === true ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** A number in a data table that lists the initiatives behind it, as clicking the chart does; plain text on paper. */
export function DrillButton({ text, label, selection }: { text: string; label: string; selection: Selection }) {
  const { print, drill } = useFigureMode();
  if (print) return <>{text}</>;
  return (
    <button type="button" className="link-button" aria-label={label} onClick={() => drill(selection)}>
      {text}
    </button>
  );
}
