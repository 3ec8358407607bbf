import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AMBITION_LABELS, STAGE_LABELS, STATUS_LABELS } from '../portfolio/labels';
import { csvFileName, initiativesCsv } from './csv';
import type { SingleInitiative } from './figure-context';
import type { DashboardFilters } from './filters';
import { formatCompact, formatInt, formatPct, isFigure } from './format';
import { useDrilldown } from './queries';
import { DRILLDOWN_LIMIT, slicersText, type InsightInitiative, type Selection } from './selections';

/** What was clicked: a figure (the initiatives behind it) or one initiative (an ECV bar, a bubble). */
export type Drill = { selection: Selection } | { one: SingleInitiative };

/**
 * The initiatives behind a figure, in a modal dialog: each opens its page in the console; the list downloads as
 * CSV. Escape, the Close button or a click beside the dialog closes it, and focus returns to what opened it.
 */
export function Drilldown({
  drill,
  filters,
  onDrill,
  onClose,
}: {
  drill: Drill;
  filters: DashboardFilters;
  onDrill: (s: Selection) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current !== null && !dialog.current.open) dialog.current.showModal();
  }, []);
  const selection = 'selection' in drill ? drill.selection : null;
  const list = useDrilldown(filters, selection);
  const title = selection?.title ?? ('one' in drill ? drill.one.item.title : '');
  const rows = selection === null ? ('one' in drill ? [drill.one.item] : []) : (list.data ?? []);
  const slicers = selection === null ? '' : slicersText(filters, selection.period);
  return (
    <dialog
      ref={dialog}
      className="drilldown"
      aria-labelledby="drilldown-title"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === dialog.current) dialog.current?.close();
      }}
    >
      <header>
        <h2 id="drilldown-title">{title}</h2>
        <button
          type="button"
          className="secondary"
          aria-label="Close initiatives panel"
          onClick={() => dialog.current?.close()}
        >
          Close
        </button>
      </header>
      <p>{selection?.subtitle ?? 'The initiative behind this figure.'}</p>
      {slicers !== '' && <p className="hint">{slicers}</p>}
      {selection !== null && list.isPending ? (
        <p role="status">Loading initiatives…</p>
      ) : selection !== null && list.error !== null ? (
        <ProblemMessage error={list.error} />
      ) : (
        <InitiativeList rows={rows} />
      )}
      {'one' in drill && (
        <p>
          <button type="button" className="secondary" onClick={() => onDrill(drill.one.related)}>
            Show all: {drill.one.related.title}
          </button>
        </p>
      )}
      {selection !== null && list.data !== undefined && list.data.length > 0 && (
        <ListCsv rows={list.data} title={title} />
      )}
    </dialog>
  );
}

type Row = SingleInitiative['item'] | InsightInitiative;

function facts(i: Row): string {
  const parts: string[] = [];
  if (i.stage !== undefined) parts.push(STAGE_LABELS[i.stage] ?? i.stage);
  if (i.status !== undefined) parts.push(STATUS_LABELS[i.status] ?? i.status);
  if (i.ambition !== undefined) parts.push(AMBITION_LABELS[i.ambition] ?? i.ambition);
  if (i.horizon !== undefined) parts.push(i.horizon);
  if ('probability' in i && isFigure(i.probability)) parts.push(`P(success) ${formatPct(i.probability)}`);
  if ('remainingCost' in i && isFigure(i.remainingCost)) parts.push(`remaining cost ${formatInt(i.remainingCost)}`);
  return parts.join(' · ');
}

function InitiativeList({ rows }: { rows: readonly Row[] }) {
  const count =
    rows.length === 0
      ? 'No initiatives match.'
      : `${rows.length} ${rows.length === 1 ? 'initiative' : 'initiatives'}${rows.length >= DRILLDOWN_LIMIT ? ` (the first ${DRILLDOWN_LIMIT})` : ''}`;
  return (
    <>
      <p role="status" className="count" data-count={rows.length}>
        {count}
      </p>
      {rows.length > 0 && (
        <ul className="initiative-list" aria-label="Initiatives">
          {rows.map((i) => (
            <li key={i.id}>
              <span>
                <Link to={`/initiatives/${i.id}`}>{i.title}</Link>
                <small>{facts(i)}</small>
              </span>
              <span className="ecv" title="Expected commercial value">
                ECV {formatCompact(i.ecv)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The list as a CSV file made in the page, with the API's quoting rules. */
function ListCsv({ rows, title }: { rows: readonly InsightInitiative[]; title: string }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([initiativesCsv(rows)], { type: 'text/csv;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [rows]);
  if (href === null) return null;
  return (
    <p>
      <a href={href} download={csvFileName(title)}>
        Download this list as CSV
      </a>
    </p>
  );
}
