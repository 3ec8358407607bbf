import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../ui/Field';
import { useBoardFilters } from './board-filters';
import { AMBITION_LABELS, HORIZON_LABELS, options, STATUS_LABELS } from './labels';
import { usePortfolios } from './queries';

export function BoardFilters() {
  const me = useMe();
  const { filters, view, set } = useBoardFilters();
  const portfolios = usePortfolios();
  const portfolioOptions = [
    { value: '', label: 'All portfolios' },
    ...(portfolios.data ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <form className="filters" role="search" aria-label="Filter initiatives" onSubmit={(e) => e.preventDefault()}>
      <SelectField
        label="Portfolio"
        name="portfolioId"
        options={portfolioOptions}
        value={filters.portfolioId ?? ''}
        onChange={(e) => set('portfolioId', e.target.value)}
      />
      <SelectField
        label="Owner"
        name="ownerId"
        options={[
          { value: '', label: 'Anyone' },
          { value: me.userId, label: 'Me' },
        ]}
        value={filters.ownerId ?? ''}
        onChange={(e) => set('ownerId', e.target.value)}
      />
      <SelectField
        label="Horizon"
        name="horizon"
        options={options(HORIZON_LABELS)}
        value={filters.horizon ?? ''}
        onChange={(e) => set('horizon', e.target.value)}
      />
      <SelectField
        label="Ambition"
        name="ambition"
        options={options(AMBITION_LABELS)}
        value={filters.ambition ?? ''}
        onChange={(e) => set('ambition', e.target.value)}
      />
      <SelectField
        label="Status"
        name="status"
        options={options(STATUS_LABELS, 'Any status')}
        value={filters.status ?? ''}
        onChange={(e) => set('status', e.target.value)}
        hint="Hold, killed and handed over are shown when chosen here"
      />
      <TextField
        label="Text"
        name="q"
        type="search"
        value={filters.q ?? ''}
        onChange={(e) => set('q', e.target.value)}
        hint="3 characters or more"
      />
      <fieldset className="view-switch">
        <legend>View</legend>
        <button type="button" aria-pressed={view === 'board'} onClick={() => set('view', '')}>
          Board
        </button>
        <button type="button" aria-pressed={view === 'table'} onClick={() => set('view', 'table')}>
          Table
        </button>
      </fieldset>
    </form>
  );
}
