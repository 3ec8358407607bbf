import { effectivenessJobId, NONCONFORMITY_QUEUE } from '@ambidex/nonconformity';
import { QueueProducer } from '@ambidex/platform';
import { eventually } from '@ambidex/testing';
import { Job } from 'bullmq';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';

export interface NcView {
  id: string;
  number: string;
  status: string;
  containment: string | null;
  effectivenessDueAt: string | null;
  effectivenessRound: number;
  changeRequestId: string | null;
  actions: { id: string; ownerId: string; doneAt: string | null }[];
  effectivenessChecks: { effective: boolean; signatureId: string | null }[];
  signatures: { meaning: string; status: string }[];
}

/** Drives nonconformities through the API of one TestApp. */
export class NcDriver {
  constructor(readonly app: TestApp) {}

  post = (url: string, user: TestUser | undefined, body: unknown): Promise<TestResponse> =>
    this.app.request({ method: 'POST', url, ...(user === undefined ? {} : { token: user.token }), body });

  raise = async (user: TestUser, body: Record<string, unknown> = {}): Promise<NcView> => {
    const response = await this.post('/api/nonconformities', user, {
      source: 'internal_audit',
      severity: 'major',
      probability: 3,
      description: 'Kiosk check-in skipped the consent step',
      evidenceLinks: ['https://audit.example/findings/17'],
      ...body,
    });
    if (response.status !== 201) throw new Error(`raise: ${response.status} ${response.body}`);
    return response.json<NcView>();
  };

  get = async (user: TestUser, id: string): Promise<NcView> =>
    (await this.app.request({ url: `/api/nonconformities/${id}`, token: user.token })).json<NcView>();

  /** Contained, analysed, one action per owner planned: an NC in 'actions'. */
  withActions = async (quality: TestUser, id: string, owners: TestUser[], afterDays = 30): Promise<NcView> => {
    for (const [url, body] of [
      [`/api/nonconformities/${id}/containment`, { containment: 'Paused kiosk sign-ups; consent taken on paper' }],
      [
        `/api/nonconformities/${id}/root-cause`,
        {
          whys: ['Consent step skipped', 'Screen timed out', 'Timeout set to 5 s', 'Default never reviewed'],
          causeCategory: 'method',
        },
      ],
      [
        `/api/nonconformities/${id}/actions`,
        {
          actions: owners.map((o, i) => ({
            text: `Corrective action ${i + 1}`,
            ownerId: o.id,
            dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          })),
          effectivenessAfterDays: afterDays,
        },
      ],
    ] as const) {
      const response = await this.post(url, quality, body);
      if (response.status !== 200) throw new Error(`${url}: ${response.status} ${response.body}`);
    }
    return this.get(quality, id);
  };

  /** Every action done by a quality head: the NC is 'verifying'. */
  allDone = async (quality: TestUser, id: string): Promise<NcView> => {
    const nc = await this.get(quality, id);
    for (const action of nc.actions.filter((a) => a.doneAt === null)) {
      const done = await this.post(`/api/nonconformity-actions/${action.id}/done`, quality, { note: 'done' });
      if (done.status !== 200) throw new Error(`done: ${done.status} ${done.body}`);
    }
    return this.get(quality, id);
  };

  check = (user: TestUser, id: string, effective: boolean, password = TEST_PASSWORD): Promise<TestResponse> =>
    this.post(`/api/nonconformities/${id}/effectiveness-check`, user, {
      effective,
      comment: effective ? 'No recurrence in the sampled month' : 'Recurred twice',
      password,
    });

  /** Makes the check due now in PostgreSQL (as if the interval had passed). */
  makeDue = (id: string): Promise<unknown> =>
    this.app.dataSource.query(
      `UPDATE nonconformities SET effectiveness_due_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );

  /** The delayed effectiveness job of a round, once the outbox relay has queued it. */
  delayedJob = (id: string, round: number): Promise<Job> =>
    eventually(
      async () =>
        (await this.app.app.get(QueueProducer).queue(NONCONFORMITY_QUEUE).getJob(effectivenessJobId(id, round))) ??
        null,
      (job): job is Job => job !== null,
      15_000,
    ) as Promise<Job>;

  dueInbox = async (id: string): Promise<string[]> =>
    (
      (await this.app.dataSource.query(
        `SELECT user_id FROM inbox_items WHERE subject_id = $1 AND kind = 'nonconformity_effectiveness_due' ORDER BY user_id`,
        [id],
      )) as { user_id: string }[]
    ).map((r) => r.user_id);
}

export const sortedStatuses = (responses: TestResponse[]): number[] => responses.map((r) => r.status).sort();
