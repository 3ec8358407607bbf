import { AssembleHandoverPackage } from '@ambidex/handover';
import { DocumentControl, RevisionEffectivity } from '@ambidex/qms';
import { newInitiative } from '@ambidex/testing';
import { Client } from 'pg';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';
import { HandoverCast, handoverCast, initiativeThroughG3, preparedAndSubmitted } from './support';

/**
 * Handover under races and retries, on real PostgreSQL and Redis with a live worker: concurrent or repeated acceptance, approval and
 * signing never produce two effective revisions or a duplicate number; rights (who accepts, approves, prepares,
 * submits) are enforced, audited, and a refused attempt writes nothing.
 *
 * Racing requests go through HTTP (Fastify inject: each request gets its own pool connection after its own argon2
 * re-authentication). Where the race matters, a connection of its own first holds the row lock the use case takes
 * (`heldAtLock`), both racers are started, and the lock is released only once PostgreSQL shows both of them waiting
 * on a lock: the two transactions really overlap every run, not just when timing happens to let them.
 * Job-side entry points (assembly, scheduled effectivity, number allocation) are called on the services directly.
 */

type Row = Record<string, unknown>;

interface Doc {
  id: string;
  type: string;
  number: string | null;
  revisionId: string;
}

const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);
const statuses = (responses: TestResponse[]): number[] => sorted(responses.map((r) => r.status));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('handover and QMS under concurrency, repetition and rights (real PostgreSQL + Redis, live worker)', () => {
  let app: TestApp;
  let cast: HandoverCast;
  let quality2: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await handoverCast(app);
    quality2 = await app.newUser(['quality_head'], 'quality2');
    admin = await app.newUser(['admin'], 'admin');
  }, 60_000);
  afterAll(() => app?.close());

  // ----------------------------------------------------------------------------------------------------------------
  // helpers

  const q = <T = Row>(sql: string, params: unknown[] = []): Promise<T[]> =>
    app.dataSource.query(sql, params) as Promise<T[]>;
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await q<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS c`, params))[0]?.n ?? 0;
  const post = (url: string, user: TestUser, body?: unknown): Promise<TestResponse> =>
    app.request({ method: 'POST', url, token: user.token, ...(body === undefined ? {} : { body }) });

  const decide = (user: TestUser, packageId: string, body: Row): Promise<TestResponse> =>
    post(`/api/handover-packages/${packageId}/decision`, user, { password: TEST_PASSWORD, ...body });
  const verdictBody = (verdict: 'accept' | 'reject'): Row =>
    verdict === 'reject' ? { verdict, reason: 'risks not understood' } : { verdict };
  const approve = (user: TestUser, revisionId: string, body: Row = {}): Promise<TestResponse> =>
    post(`/api/revisions/${revisionId}/approval`, user, { password: TEST_PASSWORD, decision: 'approved', ...body });
  const raise = (user: TestUser, documentId: string, label: string): Promise<TestResponse> =>
    post(`/api/documents/${documentId}/change-requests`, user, {
      reason: `change ${label}`,
      impact: 'operators retrained',
      proposedTitle: `Changed title ${label}`,
      proposedBody: `# Changed\n${label}\n`,
    });
  const decideChange = (user: TestUser, changeRequestId: string, body: Row = {}): Promise<TestResponse> =>
    post(`/api/change-requests/${changeRequestId}/decision`, user, { password: TEST_PASSWORD, approve: true, ...body });
  /** The decision answers the document; the change request in it names the revision it made. */
  const newRevisionOf = (decided: TestResponse, changeRequestId: string): string =>
    decided
      .json<{ changeRequests: { id: string; newRevisionId: string | null }[] }>()
      .changeRequests.find((c) => c.id === changeRequestId)?.newRevisionId ?? '';

  const numberingTotal = async (): Promise<number> =>
    (await q<{ n: number }>(`SELECT sum(next_value)::int AS n FROM numbering_schemes`))[0]?.n ?? 0;
  const documentsOf = (packageId: string): Promise<Doc[]> =>
    q<Doc>(
      `SELECT d.id, d.document_type AS type, d.number, r.id AS "revisionId" FROM controlled_documents d
         JOIN document_revisions r ON r.document_id = d.id AND r.revision = 1 WHERE d.package_id = $1 ORDER BY d.document_type`,
      [packageId],
    );
  const effectiveCounts = (documentIds: string[]): Promise<{ document_id: string; n: number }[]> =>
    q(
      `SELECT d.id AS document_id, count(r.id)::int AS n FROM unnest($1::uuid[]) AS d(id)
         LEFT JOIN document_revisions r ON r.document_id = d.id AND r.state = 'effective' GROUP BY d.id`,
      [documentIds],
    );
  const auditActions = (
    entityIds: string[],
  ): Promise<{ action: string; actor_id: string | null; after: Row | null }[]> =>
    q(`SELECT action, actor_id, after FROM audit_entries WHERE entity_id = ANY($1::text[]) ORDER BY id`, [entityIds]);

  async function submittedPackage(): Promise<{ packageId: string; initiativeId: string }> {
    const { packageId, initiativeId } = await initiativeThroughG3(app, cast);
    await preparedAndSubmitted(app, cast, packageId);
    return { packageId, initiativeId };
  }

  /** Submitted and accepted by cast.quality; its documents numbered, revision 1 in review, routed to `approverIds` (default: the deciding quality head). */
  async function acceptedPackage(
    approverIds?: string[],
  ): Promise<{ packageId: string; initiativeId: string; docs: Doc[] }> {
    const { packageId, initiativeId } = await submittedPackage();
    const accepted = await decide(cast.quality, packageId, {
      verdict: 'accept',
      ...(approverIds === undefined ? {} : { approverIds }),
    });
    if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${accepted.body}`);
    return { packageId, initiativeId, docs: await documentsOf(packageId) };
  }

  /** Four controlled documents, each with revision 1 effective. */
  async function effectiveDocuments(): Promise<Doc[]> {
    const { docs } = await acceptedPackage();
    for (const doc of docs) {
      const approved = await approve(cast.quality, doc.revisionId);
      if (approved.json<{ state: string }>().state !== 'effective')
        throw new Error(`approve: ${approved.status} ${approved.body}`);
    }
    return docs;
  }

  /**
   * Holds `lockSql` (a `SELECT … FOR UPDATE` of the row the use case locks) in a transaction of its own, starts
   * `race`, waits until at least `waiters` backends of this database wait on a lock, then commits so they go.
   */
  async function heldAtLock<T>(
    lockSql: string,
    params: unknown[],
    waiters: number,
    race: () => Promise<T>,
    settleMs = 0,
  ): Promise<T> {
    const gate = new Client({ connectionString: app.config.database.url });
    await gate.connect();
    try {
      await gate.query('BEGIN');
      const held = await gate.query(lockSql, params);
      if (held.rowCount !== 1) throw new Error(`the lock statement matched ${held.rowCount} rows`);
      let settled = false;
      const racing = race().finally(() => (settled = true));
      racing.catch(() => undefined);
      const deadline = Date.now() + 20_000;
      for (;;) {
        // pg_stat_activity is a snapshot taken once per transaction: without clearing it, every poll sees the first.
        await gate.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await gate.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        if ((rows[0]?.n ?? 0) >= waiters) break;
        if (settled) throw new Error(`the racers finished before ${waiters} of them waited on the lock`);
        if (Date.now() > deadline) throw new Error(`only ${rows[0]?.n} of ${waiters} racers reached the lock`);
        await sleep(5);
      }
      // Lets the racers still on their way (argon2, a pool connection) queue up behind the first ones too.
      if (settleMs > 0) await sleep(settleMs);
      await gate.query('COMMIT');
      return await racing;
    } finally {
      await gate.query('ROLLBACK').catch(() => undefined);
      await gate.end();
    }
  }

  /** Polls, while a race runs, the worst number of effective revisions any of these documents has in one snapshot. */
  function watchEffective(documentIds: string[]): { stop: () => Promise<{ polls: number; worst: number }> } {
    let running = true;
    let polls = 0;
    let worst = 0;
    const loop = (async () => {
      while (running) {
        const [row] = await q<{ worst: number }>(
          `SELECT coalesce(max(n), 0)::int AS worst FROM (SELECT count(*) AS n FROM document_revisions
             WHERE state = 'effective' AND document_id = ANY($1::uuid[]) GROUP BY document_id) AS per_document`,
          [documentIds],
        );
        worst = Math.max(worst, row?.worst ?? 0);
        polls += 1;
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return { polls, worst };
      },
    };
  }

  /** An initiative in develop with assumptions, experiments with results and learnings, and a decided G3 'go' review: what the job assembles from. */
  async function g3GoBySql(): Promise<{ initiativeId: string; reviewId: string; validated: number }> {
    const owner = cast.owner.id;
    const initiativeId = await newInitiative(app.dataSource, {
      ownerId: owner,
      stage: 'develop',
      deliverablesDone: true,
    });
    const outcomes = ['validated', 'validated', 'validated', 'invalidated', 'untested'];
    for (const [i, status] of outcomes.entries()) {
      const [a] = await q<{ id: string }>(
        `INSERT INTO assumptions (initiative_id, statement, risk_kind, importance, status, created_by) VALUES ($1, $2, 'desirability', $3, $4, $5) RETURNING id`,
        [initiativeId, `Assumption ${i}`, 5 - (i % 5), status, owner],
      );
      if (status === 'untested') continue;
      const [e] = await q<{ id: string }>(
        `INSERT INTO experiments (initiative_id, hypothesis, method, metric, comparison, threshold, status, completed_at, created_by)
         VALUES ($1, 'h', 'pilot', $2, '>=', 0.3, 'completed', now(), $3) RETURNING id`,
        [initiativeId, `share ${i}`, owner],
      );
      await q(`INSERT INTO experiment_assumptions (experiment_id, assumption_id) VALUES ($1, $2)`, [e?.id, a?.id]);
      await q(
        `INSERT INTO experiment_results (experiment_id, idempotency_key, value, sample_size, result, recorded_by) VALUES ($1, $2, $3, 100, $4, $5)`,
        [e?.id, `r-${e?.id}`, status === 'validated' ? 0.5 : 0.1, status, owner],
      );
      for (let l = 0; l < 3; l++) {
        await q(
          `INSERT INTO learnings (initiative_id, experiment_id, observed, belief, decision, confidence, recorded_by) VALUES ($1, $2, $3, 'b', 'persevere', 'high', $4)`,
          [initiativeId, e?.id, `observed ${i}.${l}`, owner],
        );
      }
    }
    const [review] = await q<{ id: string }>(
      `INSERT INTO gate_reviews (initiative_id, gate, status, requested_by, decision, decision_reason, decided_by, decided_at)
       VALUES ($1, 'G3', 'decided', $2, 'go', 'ready', $3, now()) RETURNING id`,
      [initiativeId, owner, cast.chair.id],
    );
    return { initiativeId, reviewId: review?.id ?? '', validated: 3 };
  }

  async function expectAssembledOnce(initiativeId: string, reviewId: string, validated: number): Promise<void> {
    expect(await count(`SELECT 1 FROM handover_packages WHERE initiative_id = $1`, [initiativeId])).toBe(1);
    const [pkg] = await q<{ id: string; review_id: string }>(
      `SELECT id, review_id FROM handover_packages WHERE initiative_id = $1`,
      [initiativeId],
    );
    expect(pkg?.review_id).toBe(reviewId);
    expect(await count(`SELECT 1 FROM controlled_documents WHERE package_id = $1`, [pkg?.id])).toBe(4);
    expect(await count(`SELECT 1 FROM controlled_documents WHERE origin_initiative_id = $1`, [initiativeId])).toBe(4);
    expect(
      await count(
        `SELECT 1 FROM document_revisions r JOIN controlled_documents d ON d.id = r.document_id WHERE d.origin_initiative_id = $1`,
        [initiativeId],
      ),
    ).toBe(4);
    expect(await count(`SELECT 1 FROM process_records WHERE initiative_id = $1`, [initiativeId])).toBe(1);
    expect(await count(`SELECT 1 FROM handover_requirements WHERE package_id = $1`, [pkg?.id])).toBe(validated);
    expect((await auditActions([initiativeId])).filter((e) => e.action === 'handover.package.assembled')).toHaveLength(
      1,
    );
  }

  // ----------------------------------------------------------------------------------------------------------------
  // acceptance

  describe('two quality heads deciding the same submitted package at once', () => {
    it.each([
      ['accept', 'accept', true],
      ['accept', 'reject', true],
      ['accept', 'accept', false],
    ] as const)(
      '%s + %s (held at the package lock: %s): one 200, one 409, one signed verdict, documents numbered once',
      async (first, second, held) => {
        const { packageId, initiativeId } = await submittedPackage();
        const before = await numberingTotal();
        const racers = [cast.quality, quality2];
        const race = (): Promise<TestResponse[]> =>
          Promise.all([
            decide(racers[0] as TestUser, packageId, verdictBody(first)),
            decide(racers[1] as TestUser, packageId, verdictBody(second)),
          ]);
        const responses = held
          ? await heldAtLock(`SELECT id FROM handover_packages WHERE id = $1 FOR UPDATE`, [packageId], 2, race)
          : await race();

        expect(statuses(responses)).toEqual([200, 409]);
        const winner = responses.findIndex((r) => r.status === 200);
        expect(responses[1 - winner]?.json()).toMatchObject({ status: 409, code: 'HANDOVER.PACKAGE_STATE' });
        const verdict = winner === 0 ? first : second;
        const [pkg] = await q<{ status: string; decided_by: string }>(
          `SELECT status, decided_by FROM handover_packages WHERE id = $1`,
          [packageId],
        );
        expect(pkg).toEqual({ status: verdict === 'accept' ? 'accepted' : 'rejected', decided_by: racers[winner]?.id });

        const signatures = await q<{ meaning: string; signer_id: string }>(
          `SELECT meaning, signer_id FROM electronic_signatures WHERE record_type = 'handover_package' AND record_id = $1 ORDER BY signed_at`,
          [packageId],
        );
        expect(signatures).toEqual([
          { meaning: 'authored', signer_id: cast.owner.id },
          { meaning: verdict === 'accept' ? 'accepted' : 'rejected', signer_id: racers[winner]?.id },
        ]);

        const docs = await documentsOf(packageId);
        const numbers = docs.map((d) => d.number).filter((n): n is string => n !== null);
        expect(numbers).toHaveLength(verdict === 'accept' ? 4 : 0);
        expect(new Set(numbers).size).toBe(numbers.length);
        for (const n of numbers) expect(n).toMatch(/^(SOP|WI|SPEC|CP)-\d{4}$/);
        expect((await numberingTotal()) - before).toBe(numbers.length);
        expect(
          await count(
            `SELECT number FROM controlled_documents WHERE number IS NOT NULL GROUP BY number HAVING count(*) > 1`,
          ),
        ).toBe(0);
        expect(
          await count(`SELECT 1 FROM revision_approvals WHERE revision_id = ANY($1::uuid[])`, [
            docs.map((d) => d.revisionId),
          ]),
        ).toBe(verdict === 'accept' ? 4 : 0);

        const decisions = (await auditActions([initiativeId])).filter(
          (e) => e.action === 'handover.package.accepted' || e.action === 'handover.package.rejected',
        );
        expect(decisions).toEqual([
          expect.objectContaining({
            action: `handover.package.${verdict === 'accept' ? 'accepted' : 'rejected'}`,
            actor_id: racers[winner]?.id,
          }),
        ]);
        const [initiative] = await q(`SELECT stage, status FROM initiatives WHERE id = $1`, [initiativeId]);
        expect(initiative).toEqual(
          verdict === 'accept'
            ? { stage: 'in_operation', status: 'handed_over' }
            : { stage: 'develop', status: 'active' },
        );
      },
      60_000,
    );
  });

  // ----------------------------------------------------------------------------------------------------------------
  // approval and signing

  describe('approving revisions', () => {
    it('the same approver approving the same revision twice at once: one 200 (effective), one 409, one approved signature', async () => {
      const { docs } = await acceptedPackage();
      const doc = docs[0] as Doc;
      const responses = await heldAtLock(
        `SELECT id FROM document_revisions WHERE id = $1 FOR UPDATE`,
        [doc.revisionId],
        2,
        () => Promise.all([approve(cast.quality, doc.revisionId), approve(cast.quality, doc.revisionId)]),
      );
      expect(statuses(responses)).toEqual([200, 409]);
      expect(responses.find((r) => r.status === 200)?.json()).toMatchObject({ state: 'effective' });
      expect(responses.find((r) => r.status === 409)?.json()).toMatchObject({ code: 'QMS.REVISION_STATE' });

      expect(
        await q(
          `SELECT meaning, signer_id FROM electronic_signatures WHERE record_type = 'document_revision' AND record_id = $1`,
          [doc.revisionId],
        ),
      ).toEqual([{ meaning: 'approved', signer_id: cast.quality.id }]);
      expect(
        await q(`SELECT approver_id, decision FROM revision_approvals WHERE revision_id = $1`, [doc.revisionId]),
      ).toEqual([{ approver_id: cast.quality.id, decision: 'approved' }]);
      expect(await effectiveCounts([doc.id])).toEqual([{ document_id: doc.id, n: 1 }]);
      const trail = (await auditActions([doc.id])).map((e) => e.action);
      expect(trail.filter((a) => a === 'qms.revision.approved')).toHaveLength(1);
      expect(trail.filter((a) => a === 'qms.revision.effective')).toHaveLength(1);
      // Training goes out once per trainee (both quality heads hold the trained role).
      expect(await count(`SELECT 1 FROM training_assignments WHERE revision_id = $1`, [doc.revisionId])).toBe(2);
    }, 60_000);

    it('routed to two approvers: one of them twice at once is one decision; both at once make it effective exactly once', async () => {
      const { docs } = await acceptedPackage([cast.quality.id, quality2.id]);
      const [a, b] = docs as [Doc, Doc];

      const twice = await heldAtLock(
        `SELECT id FROM document_revisions WHERE id = $1 FOR UPDATE`,
        [a.revisionId],
        2,
        () => Promise.all([approve(cast.quality, a.revisionId), approve(cast.quality, a.revisionId)]),
      );
      expect(statuses(twice)).toEqual([200, 409]);
      expect(twice.find((r) => r.status === 200)?.json()).toMatchObject({ state: 'in_review' });
      expect(twice.find((r) => r.status === 409)?.json()).toMatchObject({ code: 'QMS.REVISION_STATE' });
      expect((await approve(quality2, a.revisionId)).json()).toMatchObject({ state: 'effective' });
      expect(
        await count(`SELECT 1 FROM electronic_signatures WHERE record_id = $1 AND meaning = 'approved'`, [
          a.revisionId,
        ]),
      ).toBe(2);

      const both = await heldAtLock(
        `SELECT id FROM document_revisions WHERE id = $1 FOR UPDATE`,
        [b.revisionId],
        2,
        () => Promise.all([approve(cast.quality, b.revisionId), approve(quality2, b.revisionId)]),
      );
      expect(statuses(both)).toEqual([200, 200]);
      expect(both.map((r) => r.json<{ state: string }>().state).sort()).toEqual(['effective', 'in_review']);
      expect(
        await q(
          `SELECT signer_id FROM electronic_signatures WHERE record_id = $1 AND meaning = 'approved' ORDER BY signer_id`,
          [b.revisionId],
        ),
      ).toEqual([cast.quality.id, quality2.id].sort().map((signer_id) => ({ signer_id })));
      expect(await effectiveCounts([a.id, b.id])).toEqual(
        expect.arrayContaining([
          { document_id: a.id, n: 1 },
          { document_id: b.id, n: 1 },
        ]),
      );
      expect((await auditActions([b.id])).filter((e) => e.action === 'qms.revision.effective')).toHaveLength(1);
    }, 60_000);
  });

  // ----------------------------------------------------------------------------------------------------------------
  // change control and effectivity

  describe('change control', () => {
    let docs: Doc[];
    beforeAll(async () => {
      docs = await effectiveDocuments();
    }, 60_000);

    it('two change requests raised at once on one effective document: one 201, one 409 (uq_change_requests_open)', async () => {
      const doc = docs[0] as Doc;
      // raise() inserts the change request, then appends to the document's audit chain: holding the chain's head
      // keeps the first insert uncommitted while the second runs into the partial unique index.
      const responses = await heldAtLock(
        `SELECT chain_key FROM audit_chain_heads WHERE chain_key = $1 FOR UPDATE`,
        [`controlled_document:${doc.id}`],
        2,
        () => Promise.all([raise(cast.owner, doc.id, 'A'), raise(cast.quality, doc.id, 'B')]),
      );
      expect(statuses(responses)).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)?.json()).toMatchObject({ code: 'QMS.CHANGE_REQUEST_OPEN' });
      expect(await count(`SELECT 1 FROM change_requests WHERE document_id = $1`, [doc.id])).toBe(1);
      expect(await count(`SELECT 1 FROM change_requests WHERE document_id = $1 AND status = 'open'`, [doc.id])).toBe(1);
      expect((await auditActions([doc.id])).filter((e) => e.action === 'qms.change-request.raised')).toHaveLength(1);
    }, 60_000);

    it('approving change requests of two documents at once: never two effective revisions of a document, each ends at revision 2', async () => {
      const targets = [docs[1], docs[2]] as [Doc, Doc];
      const crs: string[] = [];
      for (const doc of targets) {
        const raised = await raise(cast.owner, doc.id, doc.type);
        expect(raised.status).toBe(201);
        crs.push(raised.json<{ id: string }>().id);
      }
      const watch = watchEffective(targets.map((d) => d.id));
      const responses = await Promise.all(crs.map((id) => decideChange(cast.quality, id)));
      const seen = await watch.stop();

      expect(statuses(responses)).toEqual([200, 200]);
      expect(seen.worst).toBeLessThanOrEqual(1);
      expect(seen.polls).toBeGreaterThan(0);
      for (const doc of targets) {
        expect(
          await q(`SELECT revision, state FROM document_revisions WHERE document_id = $1 ORDER BY revision`, [doc.id]),
        ).toEqual([
          { revision: 1, state: 'superseded' },
          { revision: 2, state: 'effective' },
        ]);
      }
      expect(
        await count(`SELECT 1 FROM electronic_signatures WHERE record_id = ANY($1::uuid[]) AND meaning = 'approved'`, [
          responses.map((r, i) => newRevisionOf(r, crs[i] ?? '')),
        ]),
      ).toBe(2);
    }, 60_000);

    it('while a change waits for its effective date, no other change is raised; the date comes once: one effective revision at every moment', async () => {
      const doc = docs[3] as Doc;
      const effectivity = app.app.get(RevisionEffectivity);
      const first = await raise(cast.owner, doc.id, 'scheduled');
      // Far enough ahead that signing (argon2) on a loaded machine does not reach the date before the decision is stored.
      const dueAt = Date.now() + 6_000;
      const scheduled = await decideChange(cast.quality, first.json<{ id: string }>().id, {
        effectiveFrom: new Date(dueAt).toISOString(),
      });
      expect(scheduled.status).toBe(200);
      const scheduledRevision = newRevisionOf(scheduled, first.json<{ id: string }>().id);
      expect(scheduledRevision).not.toBe('');
      expect(await q(`SELECT state FROM document_revisions WHERE id = $1`, [scheduledRevision])).toEqual([
        { state: 'approved' },
      ]);
      const second = await raise(cast.owner, doc.id, 'immediate');
      expect(second.json()).toMatchObject({ status: 409, code: 'QMS.REVISION_WAITING' });
      await sleep(Math.max(0, dueAt - Date.now()) + 50);

      const watch = watchEffective([doc.id]);
      // The delayed job, the sweeper and these two calls may all find the revision due: at most one makes it effective.
      await Promise.all([effectivity.runScheduled(scheduledRevision), effectivity.runScheduled(scheduledRevision)]);
      const seen = await watch.stop();

      expect(seen.worst).toBeLessThanOrEqual(1);
      expect(await effectiveCounts([doc.id])).toEqual([{ document_id: doc.id, n: 1 }]);
      const revisions = await q<{ revision: number; state: string }>(
        `SELECT revision, state FROM document_revisions WHERE document_id = $1 ORDER BY revision`,
        [doc.id],
      );
      expect(revisions).toEqual([
        { revision: 1, state: 'superseded' },
        { revision: 2, state: 'effective' },
      ]);
      await expect(raise(cast.owner, doc.id, 'after')).resolves.toMatchObject({ status: 201 });
    }, 60_000);

    it('a revision scheduled for a later date never supersedes a newer revision that became effective meanwhile', async () => {
      // docs[1] is at revision 2 (effective) after the test above.
      const doc = docs[1] as Doc;
      const effectivity = app.app.get(RevisionEffectivity);
      const first = await raise(cast.owner, doc.id, 'later');
      const dueAt = Date.now() + 1_000;
      const scheduledRevision = newRevisionOf(
        await decideChange(cast.quality, first.json<{ id: string }>().id, {
          effectiveFrom: new Date(dueAt).toISOString(),
        }),
        first.json<{ id: string }>().id,
      );
      const second = await raise(cast.owner, doc.id, 'now');
      if (second.status === 201)
        expect((await decideChange(cast.quality, second.json<{ id: string }>().id)).status).toBe(200);
      else expect(second.status).toBe(409); // refusing a second change while one waits for its date is also a way to keep the order
      await sleep(Math.max(0, dueAt - Date.now()) + 50);
      await effectivity.runScheduled(scheduledRevision);

      const revisions = await q<{ revision: number; state: string }>(
        `SELECT revision, state FROM document_revisions WHERE document_id = $1 ORDER BY revision`,
        [doc.id],
      );
      const effective = revisions.find((r) => r.state === 'effective');
      // No revision newer than the effective one may be superseded: the order of revisions never goes backwards.
      expect(revisions.filter((r) => r.state === 'superseded' && r.revision > (effective?.revision ?? 0))).toEqual([]);
    }, 60_000);
  });

  // ----------------------------------------------------------------------------------------------------------------
  // numbering and assembly, called on the services directly

  it('allocateNumber 50 times at once, each in its own transaction: 50 distinct consecutive numbers', async () => {
    const documents = app.app.get(DocumentControl);
    const [scheme] = await q<{ next_value: number; prefix: string }>(
      `SELECT next_value, prefix FROM numbering_schemes WHERE document_type = 'work_instruction'`,
    );
    const start = scheme?.next_value ?? 0;
    // As many as the pool lets in (the worker shares it) queue on the scheme's row lock; the rest wait for a connection.
    const numbers = await heldAtLock(
      `SELECT document_type FROM numbering_schemes WHERE document_type = 'work_instruction' FOR UPDATE`,
      [],
      2,
      () =>
        Promise.all(
          Array.from({ length: 50 }, () =>
            app.dataSource.transaction((em) => documents.allocateNumber(em, 'work_instruction')),
          ),
        ),
      300,
    );
    expect(new Set(numbers).size).toBe(50);
    for (const n of numbers) expect(n.startsWith(`${scheme?.prefix}-`)).toBe(true);
    expect(sorted(numbers.map((n) => Number(n.split('-')[1])))).toEqual(
      Array.from({ length: 50 }, (_, i) => start + i),
    );
    expect(await q(`SELECT next_value FROM numbering_schemes WHERE document_type = 'work_instruction'`)).toEqual([
      { next_value: start + 50 },
    ]);
  }, 60_000);

  describe('AssembleHandoverPackage.run for the same review', () => {
    it('twice in a row: one package, one set of 4 drafts, one process record', async () => {
      const { initiativeId, reviewId, validated } = await g3GoBySql();
      const assemble = app.app.get(AssembleHandoverPackage);
      await expect(assemble.run(initiativeId, reviewId)).resolves.toBe('assembled');
      await expect(assemble.run(initiativeId, reviewId)).resolves.toBe('exists');
      await expectAssembledOnce(initiativeId, reviewId, validated);
    }, 60_000);

    it('twice at once (held at the initiative lock), then five at once: one package, one set of drafts, one process record', async () => {
      const assemble = app.app.get(AssembleHandoverPackage);
      const { initiativeId, reviewId, validated } = await g3GoBySql();
      const outcomes = await heldAtLock(`SELECT id FROM initiatives WHERE id = $1 FOR UPDATE`, [initiativeId], 2, () =>
        Promise.all([assemble.run(initiativeId, reviewId), assemble.run(initiativeId, reviewId)]),
      );
      expect(outcomes.sort()).toEqual(['assembled', 'exists']);
      await expectAssembledOnce(initiativeId, reviewId, validated);

      const other = await g3GoBySql();
      const five = await Promise.all(Array.from({ length: 5 }, () => assemble.run(other.initiativeId, other.reviewId)));
      expect(five.filter((o) => o === 'assembled')).toHaveLength(1);
      await expectAssembledOnce(other.initiativeId, other.reviewId, other.validated);
    }, 60_000);
  });

  // ----------------------------------------------------------------------------------------------------------------
  // rights

  describe('rights', () => {
    it('only quality heads accept or reject: everyone else gets 403 and nothing is written; the accepted decision is audited', async () => {
      const { packageId, initiativeId } = await submittedPackage();
      const numbering = await numberingTotal();
      const trail = await auditActions([initiativeId]);
      for (const user of [cast.owner, cast.chair, cast.outsider, cast.gatekeepers[0] as TestUser, admin]) {
        for (const verdict of ['accept', 'reject'] as const) {
          const refused = await decide(user, packageId, verdictBody(verdict));
          expect(refused.status).toBe(403);
        }
      }
      expect(await q(`SELECT status, decided_by FROM handover_packages WHERE id = $1`, [packageId])).toEqual([
        { status: 'submitted', decided_by: null },
      ]);
      expect(await q(`SELECT meaning FROM electronic_signatures WHERE record_id = $1`, [packageId])).toEqual([
        { meaning: 'authored' },
      ]);
      expect(await numberingTotal()).toBe(numbering);
      expect(await auditActions([initiativeId])).toEqual(trail);

      expect((await decide(cast.quality, packageId, { verdict: 'accept' })).status).toBe(200);
      const actions = await auditActions([initiativeId]);
      expect(actions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'handover.package.prepared', actor_id: cast.owner.id }),
          expect.objectContaining({ action: 'handover.package.submitted', actor_id: cast.owner.id }),
          expect.objectContaining({ action: 'handover.package.accepted', actor_id: cast.quality.id }),
        ]),
      );
    }, 60_000);

    it('only the quality heads routed approve: others get 403 (QMS.NOT_ROUTED for a quality head not routed), a wrong password 422 (not 401), and nothing is written', async () => {
      const { docs } = await acceptedPackage();
      const doc = docs[0] as Doc;
      const snapshot = async (): Promise<unknown> => ({
        revision: await q(`SELECT state, approved_at FROM document_revisions WHERE id = $1`, [doc.revisionId]),
        approvals: await q(
          `SELECT approver_id, decision, signature_id FROM revision_approvals WHERE revision_id = $1`,
          [doc.revisionId],
        ),
        signatures: await count(`SELECT 1 FROM electronic_signatures WHERE record_id = $1`, [doc.revisionId]),
        training: await count(`SELECT 1 FROM training_assignments WHERE revision_id = $1`, [doc.revisionId]),
        trail: await auditActions([doc.id]),
      });
      const before = await snapshot();

      for (const user of [cast.owner, cast.outsider, cast.chair, admin]) {
        const refused = await approve(user, doc.revisionId);
        expect(refused.status).toBe(403);
      }
      const notRouted = await approve(quality2, doc.revisionId);
      expect(notRouted.json()).toMatchObject({ status: 403, code: 'QMS.NOT_ROUTED' });
      const notRoutedReject = await approve(quality2, doc.revisionId, { decision: 'rejected', comment: 'no' });
      expect(notRoutedReject.json()).toMatchObject({ status: 403, code: 'QMS.NOT_ROUTED' });
      const wrongPassword = await approve(cast.quality, doc.revisionId, { password: 'not-the-password-1' });
      expect(wrongPassword.json()).toMatchObject({
        status: 422,
        code: 'QMS.SIGNING_PASSWORD_WRONG',
        errors: [{ field: 'password' }],
      });
      expect(await snapshot()).toEqual(before);

      const approved = await approve(cast.quality, doc.revisionId);
      expect(approved.json()).toMatchObject({ state: 'effective' });
      expect((await auditActions([doc.id])).filter((e) => e.action === 'qms.revision.approved')).toEqual([
        expect.objectContaining({
          actor_id: cast.quality.id,
          after: expect.objectContaining({ revisionId: doc.revisionId }),
        }),
      ]);
    }, 60_000);

    it('innovation leads prepare and submit their own package: another innovation lead or a quality head gets 403 and nothing is written', async () => {
      const { packageId, initiativeId } = await initiativeThroughG3(app, cast);
      const snapshot = async (): Promise<unknown> => ({
        pkg: await q(`SELECT status, version, risks, checklist, training_roles FROM handover_packages WHERE id = $1`, [
          packageId,
        ]),
        record: await q(`SELECT kpis, risks_and_controls FROM process_records WHERE package_id = $1`, [packageId]),
        signatures: await count(`SELECT 1 FROM electronic_signatures WHERE record_id = $1`, [packageId]),
        trail: await auditActions([initiativeId]),
      });
      const before = await snapshot();
      const patch = { riskControls: [{ key: 'RISK-001', control: 'hijacked' }], trainingRoles: ['leadership'] };

      const otherLeadPatch = await app.request({
        method: 'PATCH',
        url: `/api/handover-packages/${packageId}`,
        token: cast.outsider.token,
        body: patch,
      });
      expect(otherLeadPatch.json()).toMatchObject({ status: 403, code: 'HANDOVER.NOT_OWNER' });
      const otherLeadSubmit = await post(`/api/handover-packages/${packageId}/submit`, cast.outsider, {
        password: TEST_PASSWORD,
      });
      expect(otherLeadSubmit.json()).toMatchObject({ status: 403, code: 'HANDOVER.NOT_OWNER' });
      for (const user of [cast.quality, cast.chair]) {
        expect(
          (
            await app.request({
              method: 'PATCH',
              url: `/api/handover-packages/${packageId}`,
              token: user.token,
              body: patch,
            })
          ).status,
        ).toBe(403);
        expect(
          (await post(`/api/handover-packages/${packageId}/submit`, user, { password: TEST_PASSWORD })).status,
        ).toBe(403);
      }
      expect(await snapshot()).toEqual(before);

      await preparedAndSubmitted(app, cast, packageId);
      expect(await q(`SELECT meaning, signer_id FROM electronic_signatures WHERE record_id = $1`, [packageId])).toEqual(
        [{ meaning: 'authored', signer_id: cast.owner.id }],
      );
      const actions = (await auditActions([initiativeId])).filter((e) => e.action.startsWith('handover.package.'));
      expect(actions.map((e) => [e.action, e.actor_id])).toEqual([
        ['handover.package.assembled', null],
        ['handover.package.prepared', cast.owner.id],
        ['handover.package.submitted', cast.owner.id],
      ]);
    }, 60_000);

    it('another innovation lead cannot edit the draft documents of a package that is not theirs', async () => {
      const { packageId } = await initiativeThroughG3(app, cast);
      const [doc] = await documentsOf(packageId);
      const edited = await app.request({
        method: 'PATCH',
        url: `/api/revisions/${doc?.revisionId}`,
        token: cast.outsider.token,
        body: { body: 'rewritten by someone else' },
      });
      expect(edited.status).toBe(403);
      expect(
        await count(`SELECT 1 FROM document_revisions WHERE id = $1 AND body = 'rewritten by someone else'`, [
          doc?.revisionId,
        ]),
      ).toBe(0);
    }, 60_000);

    it('once submitted (signed: authored), the package documents no longer change, so the author signature stays valid', async () => {
      const { packageId } = await submittedPackage();
      const [doc] = await documentsOf(packageId);
      const edited = await app.request({
        method: 'PATCH',
        url: `/api/revisions/${doc?.revisionId}`,
        token: cast.owner.token,
        body: { body: 'changed after signing' },
      });
      expect(edited.status).toBe(409);
      const pkg = (await app.request({ url: `/api/handover-packages/${packageId}`, token: cast.quality.token })).json<{
        signatures: { meaning: string; status: string }[];
      }>();
      expect(pkg.signatures).toEqual([expect.objectContaining({ meaning: 'authored', status: 'valid' })]);
    }, 60_000);

    it.each([
      [
        'an innovation lead (who can never approve: the approval route is for quality heads)',
        (): string => cast.owner.id,
      ],
      ['a user who does not exist', (): string => '00000000-0000-4000-8000-000000000000'],
    ])(
      'acceptance routes the documents only to quality heads: routing to %s is refused (422) and nothing is written',
      async (_label, approver) => {
        const { packageId } = await submittedPackage();
        const numbering = await numberingTotal();
        const refused = await decide(cast.quality, packageId, { verdict: 'accept', approverIds: [approver()] });
        expect({
          status: refused.status,
          stored: await q(`SELECT status FROM handover_packages WHERE id = $1`, [packageId]),
        }).toEqual({
          status: 422,
          stored: [{ status: 'submitted' }],
        });
        expect(await numberingTotal()).toBe(numbering);
      },
      60_000,
    );

    it('the two parties are two people: who submitted a package (also a quality head) cannot accept it', async () => {
      const both = await app.newUser(['innovation_lead', 'quality_head'], 'lead-and-quality');
      const { packageId, initiativeId } = await initiativeThroughG3(app, cast);
      // The initiative passes to a lead who also holds the quality head role (a small company: one person, two hats).
      await q(`UPDATE initiatives SET owner_id = $2 WHERE id = $1`, [initiativeId, both.id]);
      const prepared = await app.request({
        method: 'PATCH',
        url: `/api/handover-packages/${packageId}`,
        token: both.token,
        body: {
          riskControls: [{ key: 'RISK-001', control: 'c' }],
          kpiBaselines: [
            { name: 'Process time', baseline: 4 },
            { name: 'Lead time', baseline: 1 },
            { name: '% complete and accurate', baseline: 90 },
          ],
          trainingRoles: ['quality_head'],
        },
      });
      expect(prepared.status).toBe(200);
      expect((await post(`/api/handover-packages/${packageId}/submit`, both, { password: TEST_PASSWORD })).status).toBe(
        200,
      );
      const self = await decide(both, packageId, { verdict: 'accept' });
      expect(self.status).toBe(403);
      expect(
        await q(`SELECT meaning FROM electronic_signatures WHERE record_id = $1 ORDER BY signed_at`, [packageId]),
      ).toEqual([{ meaning: 'authored' }]);
    }, 60_000);
  });
});
