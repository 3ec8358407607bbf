import { Link } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { toListQuery, useBoardFilters, type ListQuery } from './board-filters';
import { BoardFilters } from './BoardFilters';
import { InitiativeTable } from './InitiativeTable';
import { AMBITION_LABELS, BOARD_STAGES, formatMoney, STAGE_LABELS, STATUS_LABELS } from './labels';
import { useInitiativePages } from './queries';

/** The portfolio as cards in columns by stage, or as a sortable table; the filters are in the address. */
export function BoardPage() {
  const { filters, view } = useBoardFilters();
  const query = toListQuery(filters);
  return (
    <section>
      <h1>Portfolio</h1>
      <BoardFilters />
      {view === 'table' ? (
        <InitiativeTable query={query} />
      ) : (
        <div className="board">
          {BOARD_STAGES.map((stage) => (
            <StageColumn key={stage} stage={stage} query={query} />
          ))}
        </div>
      )}
    </section>
  );
}

/** Without a status filter a column shows what is moving: active ones, and in operation the handed-over ones. */
function columnQuery(stage: (typeof BOARD_STAGES)[number], query: ListQuery): ListQuery {
  const status = query.status ?? (stage === 'in_operation' ? 'handed_over' : 'active');
  return { ...query, stage, status };
}

function StageColumn({ stage, query }: { stage: (typeof BOARD_STAGES)[number]; query: ListQuery }) {
  const pages = useInitiativePages(columnQuery(stage, query));
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = `column-${stage}`;
  return (
    <section className="column" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {STAGE_LABELS[stage]} <span className="count">{pages.hasNextPage ? `${items.length}+` : items.length}</span>
      </h2>
      <ProblemMessage error={pages.error} />
      <ul>
        {items.map((i) => (
          <li key={i.id} className="card">
            <Link to={`/initiatives/${i.id}`}>{i.title}</Link>
            <p>
              {i.horizon} · {AMBITION_LABELS[i.ambition] ?? i.ambition}
              {i.status !== 'active' && <> · {STATUS_LABELS[i.status] ?? i.status}</>}
            </p>
            <p>ECV {formatMoney(i.ecv)}</p>
          </li>
        ))}
      </ul>
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          Show more
        </button>
      )}
    </section>
  );
}
