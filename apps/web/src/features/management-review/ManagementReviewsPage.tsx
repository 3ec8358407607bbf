import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { hasRole, useMe } from '../../app/session';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';
import { usePortfolios } from '../portfolio/queries';
import { useReviews } from './queries';

type ScheduleBody = components['schemas']['ScheduleManagementReviewDto'];

const AMBITIONS = ['core', 'adjacent', 'transformational'];
const HORIZONS = ['H1', 'H2', 'H3'];

/** Management reviews (ISO 9001 9.3, ISO 56001 9.3): the list for its readers, the schedule form for leadership. */
export function ManagementReviewsPage() {
  return (
    <RequireRole roles={['leadership', 'quality_head', 'auditor']}>
      <ReviewList />
    </RequireRole>
  );
}

function ReviewList() {
  const me = useMe();
  const reviews = useReviews();
  return (
    <section>
      <h1>Management reviews</h1>
      {hasRole(me, ['leadership']) && <ScheduleForm />}
      <ProblemMessage error={reviews.error} />
      {reviews.data !== undefined && reviews.data.length > 0 && (
        <table className="data">
          <caption className="sr-only">Management reviews, the latest meeting first</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Meeting</th>
              <th scope="col">Period</th>
              <th scope="col">Pack</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {reviews.data?.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/management-reviews/${r.id}`}>{r.number}</Link>
                </td>
                <td>{r.meetingOn}</td>
                <td>
                  {r.periodFrom} to {r.periodTo}
                </td>
                <td>{r.packReady ? 'Ready' : 'Being assembled'}</td>
                <td>{r.status === 'signed' ? 'Signed' : 'Scheduled'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reviews.data?.length === 0 && <p>No management review yet.</p>}
    </section>
  );
}

function ScheduleForm() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const portfolios = usePortfolios();
  const [form, setForm] = useState({
    meetingOn: '',
    from: '',
    to: '',
    portfolioId: '',
    ambition: '',
    horizon: '',
    contextChanges: '',
  });
  const schedule = useMutation({
    mutationFn: () => {
      const body: ScheduleBody = {
        meetingOn: form.meetingOn,
        from: form.from,
        to: form.to,
        ...(form.portfolioId === '' ? {} : { portfolioId: form.portfolioId }),
        ...(form.ambition === '' ? {} : { ambition: form.ambition as ScheduleBody['ambition'] }),
        ...(form.horizon === '' ? {} : { horizon: form.horizon as ScheduleBody['horizon'] }),
        ...(form.contextChanges.trim() === '' ? {} : { contextChanges: form.contextChanges }),
      };
      return unwrap(api.POST('/api/management-reviews', { body }));
    },
    onSuccess: async (review) => {
      await client.invalidateQueries({ queryKey: ['management-reviews'] });
      await navigate(`/management-reviews/${review.id}`);
    },
  });
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    schedule.mutate();
  };
  return (
    <div className="new-item">
      <form onSubmit={submit} aria-label="Schedule a management review">
        <h2>Schedule a review</h2>
        <TextField
          label="Meeting on"
          name="meetingOn"
          type="date"
          required
          value={form.meetingOn}
          onChange={set('meetingOn')}
          error={schedule.error}
        />
        <TextField
          label="Period from"
          name="from"
          type="date"
          required
          value={form.from}
          onChange={set('from')}
          error={schedule.error}
        />
        <TextField
          label="Period to (inclusive)"
          name="to"
          type="date"
          required
          value={form.to}
          onChange={set('to')}
          error={schedule.error}
        />
        <SelectField
          label="Portfolio"
          name="portfolioId"
          value={form.portfolioId}
          onChange={set('portfolioId')}
          options={[
            { value: '', label: 'Every portfolio' },
            ...(portfolios.data ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
          error={schedule.error}
        />
        <SelectField
          label="Ambition"
          name="ambition"
          value={form.ambition}
          onChange={set('ambition')}
          options={[{ value: '', label: 'Any' }, ...AMBITIONS.map((a) => ({ value: a, label: a }))]}
          error={schedule.error}
        />
        <SelectField
          label="Horizon"
          name="horizon"
          value={form.horizon}
          onChange={set('horizon')}
          options={[{ value: '', label: 'Any' }, ...HORIZONS.map((h) => ({ value: h, label: h }))]}
          error={schedule.error}
        />
        <TextArea
          label="Changes in external and internal issues"
          name="contextChanges"
          rows={3}
          value={form.contextChanges}
          onChange={set('contextChanges')}
          error={schedule.error}
          hint="ISO 9001 9.3.2 b; it goes into the pack"
        />
        <ProblemMessage error={schedule.error ?? portfolios.error} />
        <button type="submit" disabled={schedule.isPending}>
          Schedule the review
        </button>
      </form>
    </div>
  );
}
