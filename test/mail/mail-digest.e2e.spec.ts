import { MAIL_QUEUE, MailDigests } from '@ambidex/identity';
import { QueueProducer } from '@ambidex/platform';
import { eventually, obliterateQueues, testConfig } from '@ambidex/testing';
import { DataSource } from 'typeorm';
import { TestApp, TestUser } from '../support/test-app';
import { freePort } from '../support/throwaway-redis';
import { SmtpCatcher } from './smtp-catcher';
import { addInboxItem, deliveriesOf, hex, runMailJob, sleep } from './support';

const PUBLIC_URL = 'https://ambidex.test';
const DAY_MS = 86_400_000;
const daysFromNow = (days: number): Date => new Date(Date.now() + days * DAY_MS);

/** The daily digest of overdue inbox items, run as the real job against a real SMTP server started here. */
describe('daily digest of overdue inbox items', () => {
  let smtp: SmtpCatcher;
  let app: TestApp;

  beforeAll(async () => {
    smtp = await SmtpCatcher.start(await freePort());
    const base = testConfig();
    // Digest hour 0: whatever the hour the test runs at, the digest is due.
    const config = {
      ...base,
      http: { ...base.http, publicUrl: PUBLIC_URL },
      mail: { ...base.mail, smtpUrl: smtp.url, digestHourUtc: 0, retryDelayMs: 500 },
    };
    // Its own database: the digest goes to every user of the database with overdue items.
    app = await TestApp.startIsolated({ worker: true, config });
  });
  afterAll(async () => {
    if (app !== undefined) {
      await obliterateQueues(app.config);
      await app.close();
    }
    await smtp?.down();
  }, 30_000);

  const digestsTo = (user: TestUser) => smtp.to(user.email).filter((mail) => /overdue item/.test(mail.subject));

  it('sends each active user with overdue open items one digest listing them with links, and none again that day', async () => {
    const [ada, bob, cy, dee] = [
      await app.newUser(['innovation_lead'], 'ada'),
      await app.newUser(['quality_head'], 'bob'),
      await app.newUser(['gatekeeper'], 'cy'),
      await app.newUser(['innovation_lead'], 'dee'),
    ];
    const late = `Late ${hex()}`;
    const later = `Later ${hex()}`;
    await addInboxItem(app, {
      userId: ada.id,
      kind: 'score_review',
      subjectType: 'gate_review',
      title: late,
      dueAt: daysFromNow(-1),
    });
    const oldest = await addInboxItem(app, {
      userId: ada.id,
      kind: 'approve_revision',
      subjectType: 'document_revision',
      title: later,
      dueAt: daysFromNow(-3),
    });
    await addInboxItem(app, { userId: ada.id, title: `Not yet due ${hex()}`, dueAt: daysFromNow(2) });
    const done = await addInboxItem(app, { userId: ada.id, title: `Done ${hex()}`, dueAt: daysFromNow(-2) });
    await app.dataSource.query(`UPDATE inbox_items SET done_at = now() WHERE id = $1`, [done]);
    await addInboxItem(app, {
      userId: bob.id,
      kind: 'handover_action',
      subjectType: 'handover_action',
      title: `Condition ${hex()}`,
      dueAt: daysFromNow(-1),
    });
    await addInboxItem(app, { userId: cy.id, title: `Deactivated ${hex()}`, dueAt: daysFromNow(-1) });
    await app.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [cy.id]);
    await addInboxItem(app, { userId: dee.id, title: `No deadline ${hex()}` });
    // Each item had its own mail first; let those settle so the counts below are the digest's alone.
    await eventually(
      () => deliveriesOf(app, `d.kind = 'inbox_item' AND d.status = 'pending'`, []),
      (rows) => rows.length === 0,
      15_000,
    );

    await expect(runMailJob(app, { queue: MAIL_QUEUE, name: 'plan-digests', data: {} })).resolves.toMatchObject({
      state: 'completed',
      value: { queued: 2 },
    });
    await eventually(
      async () => [...digestsTo(ada), ...digestsTo(bob)],
      (mails) => mails.length === 2,
      15_000,
    );
    await sleep(500);
    expect(digestsTo(ada)).toHaveLength(1);
    expect(digestsTo(bob)).toHaveLength(1);
    expect(digestsTo(cy)).toEqual([]);
    expect(digestsTo(dee)).toEqual([]);

    const [digest] = digestsTo(ada);
    expect(digest?.subject).toBe('Ambidex: 2 overdue items');
    const [oldestItem] = (await app.dataSource.query(`SELECT subject_id FROM inbox_items WHERE id = $1`, [oldest])) as {
      subject_id: string;
    }[];
    // Oldest deadline first, each with its link; neither the item not yet due nor the one done.
    expect(digest?.text).toMatch(
      new RegExp(
        `- ${later} \\(due \\d{4}-\\d{2}-\\d{2}\\)\\n  ${PUBLIC_URL}/revisions/${oldestItem?.subject_id}\\n- ${late} `,
      ),
    );
    expect(digest?.text).not.toMatch(/Not yet due|Done /);
    expect(digest?.html).toContain(`href="${PUBLIC_URL}/revisions/${oldestItem?.subject_id}"`);
    expect(digestsTo(bob)[0]?.text).toContain(`${PUBLIC_URL}/inbox`);

    await expect(runMailJob(app, { queue: MAIL_QUEUE, name: 'plan-digests', data: {} })).resolves.toMatchObject({
      state: 'completed',
      value: { queued: 0 },
    });
    await sleep(1000);
    expect(digestsTo(ada)).toHaveLength(1);
    expect(digestsTo(bob)).toHaveLength(1);
    const rows = (await app.dataSource.query(
      `SELECT user_id, digest_date::text AS day, status FROM mail_deliveries WHERE kind = 'digest' ORDER BY user_id`,
    )) as object[];
    const today = new Date().toISOString().slice(0, 10);
    expect(rows).toEqual(
      [ada, bob]
        .map((u) => ({ user_id: u.id, day: today, status: 'sent' }))
        .sort((x, y) => x.user_id.localeCompare(y.user_id)),
    );
  }, 60_000);

  it('waits for the digest hour, and sends nothing while mail is off', async () => {
    const config = app.config;
    const at = (hour: number, smtpUrl: string | undefined): MailDigests =>
      new MailDigests(app.app.get(DataSource), app.app.get(QueueProducer), {
        ...config,
        mail: { ...config.mail, digestHourUtc: hour, smtpUrl },
      });
    await expect(at(7, config.mail.smtpUrl).plan(new Date('2031-03-01T06:59:00Z'))).resolves.toEqual({
      day: '2031-03-01',
      queued: 0,
      waitingFor: 'digest-hour',
    });
    await expect(at(7, undefined).plan(new Date('2031-03-01T12:00:00Z'))).resolves.toEqual({
      day: '2031-03-01',
      queued: 0,
      waitingFor: 'mail-on',
    });
    await expect(app.count(`mail_deliveries WHERE digest_date = '2031-03-01'`)).resolves.toBe(0);
  });
});
