import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { previousMonth } from './market-labels';
import { useMarketMutation, type MonthValue } from './queries';

/** One month's figures; a month already entered is corrected (the audit trail keeps both). */
export function MonthValueForm({ initiativeId }: { initiativeId: string }) {
  const blank = { month: previousMonth(new Date()), revenue: '', costSavings: '', customers: '' };
  const [form, setForm] = useState(blank);
  const enter = useMarketMutation(
    initiativeId,
    (body: MonthValue) =>
      unwrap(api.POST('/api/initiatives/{id}/market/values', { params: { path: { id: initiativeId } }, body })),
    () => setForm(blank),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    enter.mutate({
      month: form.month,
      revenue: Number(form.revenue),
      costSavings: Number(form.costSavings || 0),
      customers: Number(form.customers || 0),
    });
  };
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  return (
    <details className="new-item">
      <summary>Enter or correct a month</summary>
      <form onSubmit={submit} aria-label="Enter a month">
        <p className="hint">Entering a month again corrects it; the audit trail keeps both figures.</p>
        <div className="row-form">
          <TextField
            label="Month"
            name="month"
            type="month"
            required
            value={form.month}
            onChange={set('month')}
            error={enter.error}
          />
          <TextField
            label="Revenue"
            name="revenue"
            type="number"
            min={0}
            step="0.01"
            required
            value={form.revenue}
            onChange={set('revenue')}
            error={enter.error}
          />
          <TextField
            label="Cost savings"
            name="costSavings"
            type="number"
            min={0}
            step="0.01"
            value={form.costSavings}
            onChange={set('costSavings')}
            error={enter.error}
          />
          <TextField
            label="Customers"
            name="customers"
            type="number"
            min={0}
            step="1"
            value={form.customers}
            onChange={set('customers')}
            error={enter.error}
          />
        </div>
        <ProblemMessage error={enter.error} />
        <button type="submit" disabled={enter.isPending}>
          Save the month
        </button>
      </form>
    </details>
  );
}
