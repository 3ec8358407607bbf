import { LeanSweeper, measurementPeriod, ValueStreamMeasurements } from '@ambidex/lean';
import { verifyAuditTrail } from '@ambidex/platform';
import { eventually, obliterateQueues } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { AcceptedProcess, BASELINE_STEPS, IMPROVED_STEPS, LeanDriver } from './support';

/**
 * Lean improvement through the API, on real PostgreSQL and Redis with a live worker: an accepted handover opens the
 * value stream and asks for its baseline; the schedule asks for a measurement once per period; an improvement event
 * runs its actions (overdue ones escalate), raises a change request linked both ways and closes with its effect
 * measured against the baseline, after which the database refuses to change it.
 */
describe('lean improvement lifecycle (real PostgreSQL + Redis, live worker)', () => {
  let app: TestApp;
  let lean: LeanDriver;
  let process: AcceptedProcess;
  let owner: TestUser;
  let quality: TestUser;
  let doer: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    lean = new LeanDriver(app);
    process = await lean.acceptedProcess();
    owner = process.cast.owner;
    quality = process.cast.quality;
    doer = await app.newUser(['gatekeeper'], 'doer');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  it('handover accepted → value stream opened and the baseline asked of the process owner, once', async () => {
    const stream = await lean.stream(quality, process.valueStreamId);
    expect(stream).toMatchObject({ processRecordId: process.processRecordId, ownerId: owner.id, baselineAt: null });
    expect(await lean.inbox(process.valueStreamId, 'lean_baseline_due')).toEqual([
      { user_id: owner.id, done_at: null },
    ]);
    // The event delivered again opens nothing new and asks nothing twice.
    const { ValueStreamOpening } = await import('@ambidex/lean');
    await expect(app.app.get(ValueStreamOpening).openForPackage(process.packageId)).resolves.toBe(
      process.valueStreamId,
    );
    expect(await app.count(`value_streams WHERE process_record_id = '${process.processRecordId}'`)).toBe(1);
    expect(await lean.inbox(process.valueStreamId, 'lean_baseline_due')).toHaveLength(1);
  });

  it('the owner records the baseline once; its figures are computed; a second baseline is refused', async () => {
    const outsider = await lean.post(`/api/value-streams/${process.valueStreamId}/baseline`, process.cast.outsider, {
      steps: BASELINE_STEPS,
    });
    expect(outsider.json()).toMatchObject({ status: 403, code: 'LEAN.NOT_PROCESS_OWNER' });
    const early = await lean.post(`/api/value-streams/${process.valueStreamId}/measurements`, owner, {
      steps: BASELINE_STEPS,
    });
    expect(early.json()).toMatchObject({ status: 409, code: 'LEAN.STATE' });

    const set = await lean.post(`/api/value-streams/${process.valueStreamId}/baseline`, owner, {
      steps: BASELINE_STEPS,
    });
    expect(set.status).toBe(200);
    const body = set.json<{ baselineAt: string | null; measurements: { kind: string }[] }>();
    expect(body.baselineAt).not.toBeNull();
    expect(body.measurements).toEqual([
      expect.objectContaining({ kind: 'baseline', leadTime: 200, processTime: 40, flowEfficiency: 0.2 }),
    ]);
    expect((body.measurements[0] as unknown as { rolledCa: number }).rolledCa).toBeCloseTo(0.72);
    expect(await lean.inbox(process.valueStreamId, 'lean_baseline_due')).toEqual([
      { user_id: owner.id, done_at: expect.any(Date) },
    ]);

    const again = await lean.post(`/api/value-streams/${process.valueStreamId}/baseline`, quality, {
      steps: IMPROVED_STEPS,
    });
    expect(again.json()).toMatchObject({ status: 409, code: 'LEAN.STATE' });
    expect((await lean.stream(quality, process.valueStreamId)).measurements).toHaveLength(1);
  });

  it('the schedule asks for a measurement once per period (job id per stream and period); a measurement answers it', async () => {
    const sweeper = app.app.get(LeanSweeper);
    const measurements = app.app.get(ValueStreamMeasurements);
    const period = measurementPeriod(new Date(), app.config.lean.measurementIntervalMs);
    // Measured this period already (the baseline): nothing is asked, nor for a period other than the current one.
    await expect(measurements.askForMeasurement(process.valueStreamId, period)).resolves.toBe(false);
    await app.dataSource.query(`UPDATE value_streams SET measured_at = now() - interval '400 days' WHERE id = $1`, [
      process.valueStreamId,
    ]);
    await expect(measurements.askForMeasurement(process.valueStreamId, period - 1)).resolves.toBe(false);
    expect(await lean.inbox(process.valueStreamId, 'lean_measurement_due')).toEqual([]);

    // The last measurement is a period old: the sweep queues the period's job, the worker asks the owner.
    expect(await sweeper.scheduleMeasurements()).toBe(1);
    const asked = await eventually(
      () => lean.inbox(process.valueStreamId, 'lean_measurement_due'),
      (rows) => rows.length > 0,
      15_000,
    );
    expect(asked).toEqual([{ user_id: owner.id, done_at: null }]);
    const { requestedPeriod } = await lean.stream(quality, process.valueStreamId);
    expect(requestedPeriod).toBe(period);

    // The sweep again, and the job retried by hand: still one request for the period.
    expect(await sweeper.scheduleMeasurements()).toBe(0);
    await expect(measurements.askForMeasurement(process.valueStreamId, period)).resolves.toBe(false);
    expect(await lean.inbox(process.valueStreamId, 'lean_measurement_due')).toHaveLength(1);

    const measured = await lean.post(`/api/value-streams/${process.valueStreamId}/measurements`, owner, {
      steps: BASELINE_STEPS.map((s) => ({ ...s, waitingTime: s.waitingTime - 5 })),
    });
    expect(measured.status).toBe(200);
    expect(measured.json<{ measurements: unknown[] }>().measurements).toEqual([
      expect.objectContaining({ kind: 'baseline' }),
      expect.objectContaining({ kind: 'measurement', leadTime: 185, period: requestedPeriod }),
    ]);
    expect(await lean.inbox(process.valueStreamId, 'lean_measurement_due')).toEqual([
      { user_id: owner.id, done_at: expect.any(Date) },
    ]);
  });

  it('kaizen: raise → actions → overdue escalation → change request linked both ways → close with effect → frozen', async () => {
    const event = await lean.raise(owner, process.valueStreamId);
    expect(event).toMatchObject({ status: 'open', waste: 'waiting', effect: null });
    expect(event.number).toMatch(/^KZ-\d{4,}$/);
    expect((await lean.inbox(event.id, 'lean_improvement_raised')).map((r) => r.user_id)).toEqual([quality.id]);

    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const planned = await lean.post(`/api/improvements/${event.id}/actions`, owner, {
      text: 'Review requests twice a day',
      ownerId: doer.id,
      dueAt: due,
    });
    expect(planned.status).toBe(200);
    const second = await lean.post(`/api/improvements/${event.id}/actions`, quality, {
      text: 'Move the release check into review',
      ownerId: quality.id,
      dueAt: due,
    });
    const actions = second.json<{ actions: { id: string; ownerId: string }[] }>().actions;
    expect(actions).toHaveLength(2);
    const doerAction = actions.find((a) => a.ownerId === doer.id)?.id ?? '';
    const qualityAction = actions.find((a) => a.ownerId === quality.id)?.id ?? '';
    expect(await lean.inbox(event.id, 'lean_action')).toHaveLength(2);

    // Overdue: first to the action's owner, then (days later) to the quality heads; once each.
    await app.dataSource.query(`UPDATE improvement_actions SET due_at = now() - interval '4 days' WHERE id = $1`, [
      doerAction,
    ]);
    // Two sweeps at once (and the worker's own) escalate once each way: the stamps are in the WHERE.
    const sweeper = app.app.get(LeanSweeper);
    await Promise.all([sweeper.escalateOverdue(), sweeper.escalateOverdue()]);
    await sweeper.escalateOverdue();
    await sweeper.escalateOverdue();
    expect((await lean.inbox(event.id, 'lean_action_overdue')).map((r) => r.user_id)).toEqual([doer.id]);
    expect((await lean.inbox(event.id, 'lean_action_escalated')).map((r) => r.user_id)).toEqual([quality.id]);

    // The change request on one of the process's controlled documents, linked both ways.
    await lean.documentsEffective(process);
    const documentId = event.documents[0]?.id ?? '';
    const notOurs = await lean.post(`/api/improvements/${event.id}/change-request`, owner, {
      documentId: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111',
      reason: 'Review twice a day',
      impact: 'Shorter waits',
      proposedTitle: 'Review',
      proposedBody: 'Review at 10:00 and 15:00',
    });
    expect(notOurs.json()).toMatchObject({ status: 422, code: 'LEAN.INVALID' });
    expect(JSON.stringify(notOurs.json())).toContain('documentId');
    const raised = await lean.post(`/api/improvements/${event.id}/change-request`, owner, {
      documentId,
      reason: 'Review twice a day',
      impact: 'Shorter waits',
      proposedTitle: 'Review',
      proposedBody: 'Review at 10:00 and 15:00',
    });
    expect(raised.status).toBe(201);
    const linked = raised.json<{ changeRequestId: string; changeDocumentId: string }>();
    expect(linked.changeDocumentId).toBe(documentId);
    const back = await lean.get(`/api/change-requests/${linked.changeRequestId}/improvements`, doer);
    expect(back.json()).toEqual([{ id: event.id, number: event.number, status: 'open' }]);
    const document = (await lean.get(`/api/documents/${documentId}`, quality)).json<{
      changeRequests: { id: string; reason: string }[];
    }>();
    expect(document.changeRequests).toEqual([
      expect.objectContaining({ id: linked.changeRequestId, reason: `${event.number}: Review twice a day` }),
    ]);
    const twice = await lean.post(`/api/improvements/${event.id}/change-request`, owner, {
      documentId,
      reason: 'Again',
      impact: 'None',
      proposedTitle: 'Review',
      proposedBody: 'Again',
    });
    expect(twice.json()).toMatchObject({ status: 409, code: 'LEAN.STATE' });

    // Closing waits for the actions; only their owner (or a quality head) marks one done.
    const early = await lean.post(`/api/improvements/${event.id}/close`, owner, {
      steps: IMPROVED_STEPS,
      note: 'x y z',
    });
    expect(early.json()).toMatchObject({ status: 409, code: 'LEAN.STATE' });
    const foreign = await lean.post(`/api/improvement-actions/${qualityAction}/done`, doer, { note: 'not mine' });
    expect(foreign.json()).toMatchObject({ status: 403, code: 'LEAN.NOT_ACTION_OWNER' });
    const own = await lean.post(`/api/improvement-actions/${doerAction}/done`, doer, { note: 'Twice-daily slots' });
    expect(own.status).toBe(200);
    expect((await lean.inbox(event.id, 'lean_action')).find((r) => r.user_id === doer.id)?.done_at).not.toBeNull();
    expect((await lean.post(`/api/improvement-actions/${qualityAction}/done`, quality, { note: 'moved' })).status).toBe(
      200,
    );

    const closed = await lean.post(`/api/improvements/${event.id}/close`, owner, {
      steps: IMPROVED_STEPS,
      note: 'Waiting cut in review and intake',
    });
    expect(closed.status).toBe(200);
    const view = closed.json<{ status: string; effect: Record<string, unknown> }>();
    expect(view.status).toBe('closed');
    expect(view.effect).toEqual({
      before: { leadTime: 200, flowEfficiency: 0.2 },
      after: { leadTime: 100, flowEfficiency: 0.4 },
      leadTimeDelta: -100,
      flowEfficiencyDelta: expect.closeTo(0.2, 9),
    });
    const stream = await lean.stream(quality, process.valueStreamId);
    expect(stream.measurements.map((m) => m.kind)).toEqual(['baseline', 'measurement', 'close']);

    // Frozen: the API says 409 and the database refuses even a direct change.
    expect(
      (await lean.post(`/api/improvements/${event.id}/close`, owner, { steps: IMPROVED_STEPS, note: 'again' })).status,
    ).toBe(409);
    expect(
      (
        await lean.post(`/api/improvements/${event.id}/actions`, owner, {
          text: 'One more',
          ownerId: doer.id,
          dueAt: due,
        })
      ).status,
    ).toBe(409);
    await expect(
      app.dataSource.query(`UPDATE improvement_events SET problem = 'edited' WHERE id = $1`, [event.id]),
    ).rejects.toThrow(/is closed/);
    await expect(app.dataSource.query(`DELETE FROM improvement_events WHERE id = $1`, [event.id])).rejects.toThrow(
      /is closed/,
    );
    await expect(
      app.dataSource.query(`UPDATE improvement_actions SET text = 'edited' WHERE improvement_event_id = $1`, [
        event.id,
      ]),
    ).rejects.toThrow(/is closed/);
    await expect(
      app.dataSource.query(`UPDATE value_stream_measurements SET lead_time = 1 WHERE value_stream_id = $1`, [
        process.valueStreamId,
      ]),
    ).rejects.toThrow(/kept as recorded/);

    const trail = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    expect(trail).toMatchObject({ ok: true });
  }, 120_000);
});
