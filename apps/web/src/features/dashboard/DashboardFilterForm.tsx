import { useState, type FormEvent } from 'react';
import { ApiProblem } from '../../api/problem';
import { SelectField, TextField } from '../../ui/Field';
import { AMBITION_LABELS, HORIZON_LABELS, options } from '../portfolio/labels';
import { defaultFilters, filterProblems, type DashboardFilters } from './filters';
import { OwnerFilter } from './OwnerFilter';

/**
 * The dashboard's filters. A new portfolio shows at once; the other fields apply together, so a half-typed period
 * never reaches the API. What is wrong shows next to its field, whether the page or the API found it.
 */
export function DashboardFilterForm({
  filters,
  portfolios,
  now,
  problem,
  onApply,
}: {
  filters: DashboardFilters;
  portfolios: readonly { id: string; name: string }[];
  now: Date;
  problem: unknown;
  onApply: (next: DashboardFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  const [invalid, setInvalid] = useState<ApiProblem | null>(null);
  const set = <K extends keyof DashboardFilters>(key: K, value: DashboardFilters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = filterProblems(draft);
    if (problems.length > 0) {
      setInvalid(new ApiProblem(422, 'DASHBOARD.FILTERS', 'Check the filters', '', problems));
      return;
    }
    setInvalid(null);
    onApply(draft);
  };
  const error = invalid ?? problem;
  return (
    <form
      className="filters dashboard-filters"
      role="search"
      aria-label="Dashboard filters"
      onSubmit={submit}
      noValidate
    >
      <SelectField
        label="Portfolio"
        name="portfolio"
        options={portfolios.map((p) => ({ value: p.id, label: p.name }))}
        value={filters.portfolio}
        onChange={(e) => onApply({ ...filters, portfolio: e.target.value })}
      />
      <TextField
        label="From"
        name="from"
        type="date"
        value={draft.from}
        onChange={(e) => set('from', e.target.value)}
        error={error}
      />
      <TextField
        label="To"
        name="to"
        type="date"
        value={draft.to}
        onChange={(e) => set('to', e.target.value)}
        error={error}
        hint="Last day included"
      />
      <SelectField
        label="Ambition"
        name="ambition"
        options={options(AMBITION_LABELS, 'All')}
        value={draft.ambition}
        onChange={(e) => set('ambition', e.target.value as DashboardFilters['ambition'])}
        error={error}
      />
      <SelectField
        label="Horizon"
        name="horizon"
        options={options(HORIZON_LABELS, 'All')}
        value={draft.horizon}
        onChange={(e) => set('horizon', e.target.value as DashboardFilters['horizon'])}
        error={error}
      />
      <OwnerFilter ownerId={draft.ownerId} onChange={(ownerId) => set('ownerId', ownerId)} error={error} />
      <div className="actions filter-actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          className="secondary"
          onClick={() => onApply({ ...defaultFilters(now), portfolio: filters.portfolio })}
        >
          Reset filters
        </button>
      </div>
    </form>
  );
}
