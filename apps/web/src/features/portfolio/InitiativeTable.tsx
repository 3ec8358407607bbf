import { Link } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useBoardFilters, type ListQuery } from './board-filters';
import { AMBITION_LABELS, formatMoney, STAGE_LABELS, STATUS_LABELS } from './labels';
import { useInitiativePages } from './queries';

const COLUMNS: { sort: string | null; label: string }[] = [
  { sort: 'title', label: 'Title' },
  { sort: null, label: 'Stage' },
  { sort: null, label: 'Status' },
  { sort: null, label: 'Horizon' },
  { sort: null, label: 'Ambition' },
  { sort: null, label: 'ECV' },
  { sort: 'createdAt', label: 'Created' },
  { sort: 'updatedAt', label: 'Updated' },
];

/** The listing as a table with the API's sorts; "Load more" follows the keyset cursor. */
export function InitiativeTable({ query }: { query: ListQuery }) {
  const { sort, order, setAll } = useBoardFilters();
  const pages = useInitiativePages({ ...query, sort: sort as ListQuery['sort'], order: order as ListQuery['order'] });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const sortBy = (field: string) => {
    // A new column sorts ascending first; the same column again flips the order.
    setAll({ sort: field, order: field === sort && order === 'asc' ? 'desc' : 'asc' });
  };
  return (
    <>
      <ProblemMessage error={pages.error} />
      <table className="data">
        <caption className="sr-only">Initiatives</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                scope="col"
                aria-sort={c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sort === null ? (
                  c.label
                ) : (
                  <button type="button" onClick={() => sortBy(c.sort ?? '')}>
                    {c.label}
                  </button>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>
                <Link to={`/initiatives/${i.id}`}>{i.title}</Link>
              </td>
              <td>{STAGE_LABELS[i.stage] ?? i.stage}</td>
              <td>{STATUS_LABELS[i.status] ?? i.status}</td>
              <td>{i.horizon}</td>
              <td>{AMBITION_LABELS[i.ambition] ?? i.ambition}</td>
              <td className="num">{formatMoney(i.ecv)}</td>
              <td>{new Date(i.createdAt).toLocaleDateString()}</td>
              <td>{new Date(i.updatedAt).toLocaleDateString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          Load more
        </button>
      )}
    </>
  );
}
