import { MAIL_PENDING_EVENT, MAIL_QUEUE, MailDigests } from '@ambidex/identity';
import { QueueProducer } from '@ambidex/platform';
import { eventually, newInitiative, obliterateQueues, testConfig } from '@ambidex/testing';
import { castFor, requestReview, waitForStatus } from '../gates/support';
import { TestApp } from '../support/test-app';

/** Mail is off by default: without SMTP_URL, new inbox items queue no mail and the worker schedules nothing. */
describe('mail off (no SMTP_URL)', () => {
  let app: TestApp;

  beforeAll(async () => {
    const base = testConfig();
    app = await TestApp.startIsolated({
      worker: true,
      config: { ...base, mail: { ...base.mail, smtpUrl: undefined } },
    });
  });
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  it('a new inbox item records no delivery and no event, and the mail queue stays empty', async () => {
    const cast = await castFor(app);
    const initiativeId = await newInitiative(app.dataSource, { ownerId: cast.owner.id, deliverablesDone: true });
    const reviewId = await requestReview(app, cast.owner, initiativeId);
    await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
    const items = await eventually(
      () => app.count(`inbox_items WHERE subject_id = '${reviewId}'`),
      (n) => n === 2,
    );
    expect(items).toBe(2);

    await expect(app.count('mail_deliveries')).resolves.toBe(0);
    await expect(app.count(`outbox_events WHERE event_type = '${MAIL_PENDING_EVENT}'`)).resolves.toBe(0);
    await expect(app.app.get(MailDigests).plan()).resolves.toMatchObject({ queued: 0, waitingFor: 'mail-on' });
    const queue = app.app.get(QueueProducer).queue(MAIL_QUEUE);
    const counts = await queue.getJobCounts();
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    await expect(queue.getJobSchedulers()).resolves.toEqual([]);
  });
});
