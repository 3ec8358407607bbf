import { InboxService, MAIL_PENDING_EVENT, MAIL_QUEUE, MailSender, MailSweeper } from '@ambidex/identity';
import { OutboxEventEntity, OutboxRelay, QueueProducer, TransactionRunner } from '@ambidex/platform';
import { randomUUID } from 'node:crypto';
import { eventually, newInitiative, obliterateQueues, testConfig } from '@ambidex/testing';
import { Cast, castFor, requestReview, waitForStatus } from '../gates/support';
import { TestApp, TestUser } from '../support/test-app';
import { freePort } from '../support/throwaway-redis';
import { SmtpCatcher } from './smtp-catcher';
import { addInboxItem, deliveriesOf, hex, runMailJob, sleep } from './support';

const PUBLIC_URL = 'https://ambidex.test';

/**
 * Inbox items become e-mail through a real SMTP server started here, with the real API, database, Redis and worker:
 * one mail per item, sent once even when jobs or events run again, retried while the server is down, failed for
 * good when the server never takes it, and nothing for deactivated users.
 */
describe('e-mail about new inbox items', () => {
  let smtp: SmtpCatcher;
  let app: TestApp;
  let cast: Cast;
  let admin: TestUser;

  beforeAll(async () => {
    smtp = await SmtpCatcher.start(await freePort());
    const base = testConfig();
    const config = {
      ...base,
      http: { ...base.http, publicUrl: PUBLIC_URL },
      mail: { ...base.mail, smtpUrl: smtp.url, from: 'Ambidex <ambidex@ambidex.test>', attempts: 4, retryDelayMs: 500 },
    };
    // Its own database: the gates pick every gatekeeper there is, and only this worker relays these events.
    app = await TestApp.startIsolated({ worker: true, config });
    cast = await castFor(app);
    admin = await app.newUser(['admin'], 'admin');
    // Six users hashed with argon2: on a busy machine that alone can take half a minute.
  }, 120_000);
  afterAll(async () => {
    if (app !== undefined) {
      await obliterateQueues(app.config);
      await app.close();
    }
    await smtp?.down();
  }, 30_000);

  /** A G1 review of a fresh initiative, opened by the worker: each gatekeeper gets a "score it" item. */
  async function openReview(title: string): Promise<string> {
    const initiativeId = await newInitiative(app.dataSource, { ownerId: cast.owner.id, deliverablesDone: true, title });
    const reviewId = await requestReview(app, cast.owner, initiativeId);
    await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
    return reviewId;
  }
  const mailsAbout = (user: TestUser, title: string) =>
    smtp.to(user.email).filter((mail) => mail.subject.includes(title));

  it('a review request gives each gatekeeper exactly one mail: their address, what to score, a link to the review', async () => {
    const title = `Clinic app ${hex()}`;
    const reviewId = await openReview(title);
    for (const gatekeeper of cast.gatekeepers) {
      await eventually(
        async () => mailsAbout(gatekeeper, title),
        (mails) => mails.length > 0,
        15_000,
      );
    }
    const deliveries = await eventually(
      () => deliveriesOf(app, 'i.subject_id = $1', [reviewId]),
      (rows) => rows.every((row) => row.status === 'sent'),
    );
    await sleep(500);
    expect(deliveries.map((d) => [d.user_id, d.status, d.attempts]).sort()).toEqual(
      cast.gatekeepers.map((g) => [g.id, 'sent', 1]).sort(),
    );
    for (const gatekeeper of cast.gatekeepers) {
      const mails = mailsAbout(gatekeeper, title);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail?.to).toEqual([gatekeeper.email]);
      expect(mail?.from).toBe('ambidex@ambidex.test');
      expect(mail?.subject).toMatch(new RegExp(`^Ambidex: Score G1 for “${title}” by \\d{4}-\\d{2}-\\d{2}$`));
      expect(mail?.text).toContain('Score the gate review before its deadline.');
      expect(mail?.text).toContain(`Open it: ${PUBLIC_URL}/reviews/${reviewId}`);
      expect(mail?.html).toContain(`<a href="${PUBLIC_URL}/reviews/${reviewId}">`);
      const delivery = deliveries.find((d) => d.user_id === gatekeeper.id);
      expect(mail?.headers['message-id']).toBe(`<${delivery?.id}@ambidex.test>`);
    }
    expect(mailsAbout(cast.owner, title)).toEqual([]);
    expect(mailsAbout(cast.chair, title)).toEqual([]);
  });

  it('sends nothing more when the job runs again, the event is delivered again, or the item is added again', async () => {
    const title = `Rerun ${hex()}`;
    const reviewId = await openReview(title);
    const [gatekeeper] = cast.gatekeepers as [TestUser];
    await eventually(
      async () => mailsAbout(gatekeeper, title),
      (mails) => mails.length > 0,
      15_000,
    );
    const [delivery] = await eventually(
      () => deliveriesOf(app, 'i.subject_id = $1 AND d.user_id = $2', [reviewId, gatekeeper.id]),
      (rows) => rows[0]?.status === 'sent',
    );
    const deliveryId = delivery?.id ?? '';

    await expect(app.app.get(MailSender).send(deliveryId)).resolves.toBe('already-sent');
    await expect(runMailJob(app, { queue: MAIL_QUEUE, name: 'send-mail', data: { deliveryId } })).resolves.toEqual({
      state: 'completed',
      value: 'already-sent',
    });
    const event = await app.dataSource
      .getRepository(OutboxEventEntity)
      .findOneByOrFail({ eventType: MAIL_PENDING_EVENT, aggregateId: deliveryId });
    // Relayed again, as after a crash before the relay's commit: its send job is queued once more.
    await app.dataSource.query(`UPDATE outbox_events SET published_at = NULL WHERE id = $1`, [event.id]);
    await app.app.get(OutboxRelay).publishPending();
    const [item] = (await app.dataSource.query(
      `SELECT dedupe_key, kind, title FROM inbox_items WHERE subject_id = $1 AND user_id = $2`,
      [reviewId, gatekeeper.id],
    )) as {
      dedupe_key: string;
    }[];
    await addInboxItem(app, { userId: gatekeeper.id, dedupeKey: item?.dedupe_key ?? '', title: `${title} again` });

    await sleep(1000);
    expect(mailsAbout(gatekeeper, title)).toHaveLength(1);
    await expect(deliveriesOf(app, 'i.subject_id = $1 AND d.user_id = $2', [reviewId, gatekeeper.id])).resolves.toEqual(
      [expect.objectContaining({ id: deliveryId, status: 'sent', attempts: 1 })],
    );
  });

  it('while the SMTP server is down the mail waits and is retried; once it is back the mail arrives once', async () => {
    await smtp.down();
    const title = `Outage ${hex()}`;
    const reviewId = await openReview(title);
    const failing = await eventually(
      () => deliveriesOf(app, 'i.subject_id = $1', [reviewId]),
      (rows) => rows.length === 2 && rows.every((row) => row.attempts >= 1),
      15_000,
    );
    expect(failing.map((row) => row.status)).toEqual(['pending', 'pending']);
    expect(failing[0]?.last_error).toMatch(/ECONNREFUSED/);
    await smtp.up();

    for (const gatekeeper of cast.gatekeepers) {
      await eventually(
        async () => mailsAbout(gatekeeper, title),
        (mails) => mails.length > 0,
        15_000,
      );
    }
    const sent = await eventually(
      () => deliveriesOf(app, 'i.subject_id = $1', [reviewId]),
      (rows) => rows.every((row) => row.status === 'sent'),
    );
    await sleep(1000);
    for (const gatekeeper of cast.gatekeepers) expect(mailsAbout(gatekeeper, title)).toHaveLength(1);
    expect(sent.map((row) => row.status)).toEqual(['sent', 'sent']);
    expect(sent.every((row) => row.attempts >= 2 && row.last_error === null)).toBe(true);
  }, 40_000);

  it('a mail the server never takes is failed, visibly, once the attempts run out', async () => {
    const refused = await app.newUser(['innovation_lead'], 'refused');
    const itemId = await addInboxItem(app, { userId: refused.id, title: `Refused ${hex()}` });
    const [failed] = await eventually(
      () => deliveriesOf(app, 'd.inbox_item_id = $1', [itemId]),
      (rows) => rows[0]?.status === 'failed',
      20_000,
    );
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 4,
      last_error: expect.stringMatching(/mailbox unavailable/),
    });
    const job = await app.app
      .get(QueueProducer)
      .queue(MAIL_QUEUE)
      .getJob(failed?.id ?? '');
    await expect(job?.getState()).resolves.toBe('failed');
    expect(job?.attemptsMade).toBe(4);
    expect(smtp.to(refused.email)).toEqual([]);
  }, 40_000);

  it('a deactivated user gets no mail', async () => {
    const gone = await app.newUser(['innovation_lead'], 'gone');
    const patched = await app.request({
      method: 'PATCH',
      url: `/api/admin/users/${gone.id}`,
      token: admin.token,
      body: { active: false },
    });
    expect(patched.status).toBe(200);
    const itemId = await addInboxItem(app, { userId: gone.id });
    const [row] = await eventually(
      () => deliveriesOf(app, 'd.inbox_item_id = $1', [itemId]),
      (rows) => rows[0]?.status !== 'pending',
      15_000,
    );
    expect(row).toMatchObject({ status: 'skipped', last_error: 'the recipient is deactivated' });
    expect(smtp.to(gone.email)).toEqual([]);
  });

  it('a delivery whose job was lost is queued by the sweep, and sent once', async () => {
    const user = await app.newUser(['innovation_lead'], 'swept');
    const title = `Swept ${hex()}`;
    const dedupeKey = `test:${hex()}`;
    // The event that would queue the job never commits, as if Redis had lost the job: only the delivery row remains.
    await app.app.get(TransactionRunner).run(async (em) => {
      await app.app.get(InboxService).add(em, {
        userId: user.id,
        kind: 'training',
        subjectType: 'document_revision',
        subjectId: randomUUID(),
        title,
        dedupeKey,
      });
      await em.query(
        `DELETE FROM outbox_events WHERE event_type = $1 AND aggregate_id IN (
           SELECT d.id::text FROM mail_deliveries d JOIN inbox_items i ON i.id = d.inbox_item_id WHERE i.dedupe_key = $2)`,
        [MAIL_PENDING_EVENT, dedupeKey],
      );
    });
    await sleep(500);
    expect(mailsAbout(user, title)).toEqual([]);

    await expect(app.app.get(MailSweeper).sweep(0)).resolves.toBe(1);
    const [mail] = await eventually(
      async () => mailsAbout(user, title),
      (mails) => mails.length > 0,
      15_000,
    );
    expect(mail?.text).toContain(`Open it: ${PUBLIC_URL}/training`);
    await sleep(500);
    expect(mailsAbout(user, title)).toHaveLength(1);
    await eventually(
      () => deliveriesOf(app, 'd.inbox_item_id IN (SELECT id FROM inbox_items WHERE dedupe_key = $1)', [dedupeKey]),
      (rows) => rows[0]?.status === 'sent',
    );
    await expect(app.app.get(MailSweeper).sweep(0)).resolves.toBe(0);
  });

  it('at least once: a crash after the server took the mail but before it was marked sent sends it again, under the same Message-ID', async () => {
    const user = await app.newUser(['innovation_lead'], 'crash');
    const title = `Crash ${hex()}`;
    const itemId = await addInboxItem(app, { userId: user.id, title });
    const [first] = await eventually(
      async () => mailsAbout(user, title),
      (mails) => mails.length > 0,
      15_000,
    );
    const [delivery] = await eventually(
      () => deliveriesOf(app, 'd.inbox_item_id = $1', [itemId]),
      (rows) => rows[0]?.status === 'sent',
    );
    // What the crash leaves: the row still pending, and no job in Redis any more.
    await app.dataSource.query(`UPDATE mail_deliveries SET status = 'pending', sent_at = NULL WHERE id = $1`, [
      delivery?.id,
    ]);
    await app.app
      .get(QueueProducer)
      .queue(MAIL_QUEUE)
      .remove(delivery?.id ?? '');

    await expect(app.app.get(MailSweeper).sweep(0)).resolves.toBe(1);
    const mails = await eventually(
      async () => mailsAbout(user, title),
      (found) => found.length === 2,
      15_000,
    );
    expect(mails[1]?.headers['message-id']).toBe(first?.headers['message-id']);
    const rows = await eventually(
      () => deliveriesOf(app, 'd.inbox_item_id = $1', [itemId]),
      (found) => found[0]?.status === 'sent',
    );
    expect(rows).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
  });
});
