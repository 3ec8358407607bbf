/**
 * `npm run bench:decisions [-- --reviews 2000 --warmup 200 --concurrency 8 --profile <dir>]`
 *
 * Gate decisions recorded per second through the API (POST /api/reviews/:id/decision, 'recycle', as the chair, over
 * real HTTP on 127.0.0.1), each with its history event, two audit entries and two outbox rows, against a baseline of
 * the same SQL statements DecideGateReview issues (the review with its parts, the initiative read and locked, the
 * stage machine's read, the guarded UPDATEs, the stage_events INSERT, two audit appends, two outbox INSERTs, the inbox
 * UPDATE) sent by bare `pg` in one transaction per decision, at the same concurrency, in the same run. The API also
 * answers the decided review (from what the transaction read, plus the people's names), which its figure includes
 * and the baseline does not.
 *
 * The reviews are made 'awaiting_decision' in bulk by SQL (not through the whole flow). The HTTP client runs in a
 * child process with `concurrency` keep-alive connections, so it does not share the server's event loop; the baseline
 * runs a pg pool of `concurrency` clients in this process (the API is idle meanwhile). Both runs are preceded by a
 * discarded warm-up. Afterwards every decision is checked (one decision event, two audit entries and two outbox rows
 * per review) and the audit chains are verified. Runs on a throwaway database, dropped at the end.
 * `--profile <dir>` writes the CPU profile of the server process during the measured API run (lib/cpu-profile.ts).
 */
import 'reflect-metadata';
import { AuditFacts, hashAuditEntry, verifyAuditTrail } from '@ambidex/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { seedModelAndPortfolio, startAmbidex } from './lib/bench-app';
import { benchEnvironment, numberArg, table } from './lib/bench-env';
import { answerParent, askChild } from './lib/child-answer';
import { profiled, profileDirArg } from './lib/cpu-profile';
import { chairAndOwner, checkDecided, seedAwaitingDecision } from './lib/awaiting-decisions';

interface RunResult {
  decisions: number;
  elapsedMs: number;
  latenciesMs: number[];
  failures: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// The HTTP client (a child process)

interface ClientJob {
  port: number;
  token: string;
  reviewIds: string[];
  concurrency: number;
}

const DECISION_BODY = JSON.stringify({ decision: 'recycle' });

async function runClient({ port, token, reviewIds, concurrency }: ClientJob): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (reviewId: string): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/reviews/${reviewId}/decision`,
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(DECISION_BODY),
          },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.end(DECISION_BODY);
    });
  const result = await boundedLoop(reviewIds, concurrency, async (reviewId) => {
    const { status, body } = await post(reviewId);
    if (status !== 200) throw new Error(`${status} ${body}`);
  });
  agent.destroy();
  return result;
}

/** `concurrency` loops taking the next id until none is left; every id is one decision. */
async function boundedLoop(
  ids: string[],
  concurrency: number,
  decide: (id: string) => Promise<void>,
): Promise<RunResult> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++] ?? '';
        const t0 = performance.now();
        try {
          await decide(id);
          latenciesMs.push(performance.now() - t0);
        } catch (error) {
          failures.push(`${id}: ${(error as Error).message}`);
        }
      }
    }),
  );
  return { decisions: latenciesMs.length, elapsedMs: performance.now() - started, latenciesMs, failures };
}

function runClientProcess(job: ClientJob): Promise<RunResult> {
  return askChild<RunResult>(__filename, '--decisions-client', job, 'decisions client');
}

// ---------------------------------------------------------------------------------------------------------------
// The baseline: the use case's statements through bare pg

interface Chair {
  id: string;
  label: string;
}

async function auditAppend(
  c: PoolClient,
  chair: Chair,
  record: { action: string; entityType: string; entityId: string; before: unknown; after: unknown },
): Promise<void> {
  const chainKey = `${record.entityType}:${record.entityId}`;
  const head = (
    await c.query<{ seq: number; hash: string; occurred_at: Date }>(
      `SELECT seq, hash, occurred_at FROM audit_lock_head($1)`,
      [chainKey],
    )
  ).rows[0];
  if (head === undefined) throw new Error(`no head for ${chainKey}`);
  const facts: AuditFacts = {
    chainKey,
    seq: head.seq + 1,
    occurredAt: new Date(head.occurred_at).toISOString(),
    actorId: chair.id,
    actorLabel: chair.label,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    reason: null,
    before: record.before,
    after: record.after,
    requestId: null,
  };
  const hash = hashAuditEntry(head.hash, facts);
  await c.query(
    `INSERT INTO audit_entries (chain_key, seq, prev_hash, hash, occurred_at, actor_id, actor_label, action,
                                entity_type, entity_id, reason, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      chainKey,
      facts.seq,
      head.hash,
      hash,
      facts.occurredAt,
      facts.actorId,
      facts.actorLabel,
      facts.action,
      facts.entityType,
      facts.entityId,
      null,
      facts.before === null ? null : JSON.stringify(facts.before),
      facts.after === null ? null : JSON.stringify(facts.after),
      null,
    ],
  );
}

const OUTBOX_INSERT = `INSERT INTO outbox_events (id, event_type, aggregate_type, aggregate_id, payload, occurred_at) VALUES ($1, $2, $3, $4, $5, now())`;

const REVIEW_WITH_PARTS = `SELECT r.*,
  ARRAY(SELECT gatekeeper_id FROM gate_review_assignments WHERE review_id = $1 ORDER BY gatekeeper_id) AS gatekeeper_ids,
  coalesce((SELECT json_agg(json_build_object('id', id, 'gatekeeper_id', gatekeeper_id, 'must_meet', must_meet,
                                               'should_meet', should_meet, 'submitted_at', submitted_at)
                            ORDER BY submitted_at, id)
              FROM scorecards WHERE review_id = $1), '[]') AS scorecards,
  (SELECT content_hash FROM evidence_snapshots WHERE review_id = $1) AS evidence_hash
  FROM gate_reviews r WHERE r.id = $1`;

/** What DecideGateReview.decide + StageTransitions.apply send for a Recycle, in the same order, one transaction. */
async function bareDecision(pool: Pool, chair: Chair, reviewId: string): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('START TRANSACTION');
    // The review with its gatekeepers, scorecards and evidence hash (the decision answers them), in one statement.
    const review = (await c.query(REVIEW_WITH_PARTS, [reviewId])).rows[0] as
      { initiative_id: string; gate: string; status: string; chair_id: string } | undefined;
    if (review === undefined) throw new Error('review not found');
    const initiative = (
      await c.query(`SELECT id, owner_id, portfolio_id FROM initiatives WHERE id = $1 FOR NO KEY UPDATE`, [
        review.initiative_id,
      ])
    ).rows[0] as { id: string; owner_id: string } | undefined;
    if (initiative === undefined) throw new Error('initiative not found');
    if (review.chair_id !== chair.id || initiative.owner_id === chair.id) throw new Error('not the chair');
    if (review.status !== 'awaiting_decision') throw new Error('not awaiting a decision');
    const decided = await c.query(
      `UPDATE gate_reviews SET status = 'decided', decision = $2, decision_reason = $3, decided_by = $4, decided_at = now(),
              hold_until = $5, version = version + 1
        WHERE id = $1 AND status = 'awaiting_decision'
        RETURNING decided_at, version`,
      [reviewId, 'recycle', null, chair.id, null],
    );
    if (decided.rowCount !== 1) throw new Error('decided concurrently');
    // StageTransitions.apply
    const current = (
      await c.query(`SELECT id, portfolio_id, stage, status, version FROM initiatives WHERE id = $1`, [initiative.id])
    ).rows[0] as { stage: string; status: string; version: number; portfolio_id: string } | undefined;
    if (current === undefined) throw new Error('initiative gone');
    const from = { stage: current.stage, status: current.status };
    const to = from; // Recycle: back into the same stage
    const moved = await c.query(
      `UPDATE initiatives
          SET stage = $2, status = $3, hold_until = $4, version = version + 1, updated_at = now(),
              stage_entered_at = CASE WHEN stage <> $2 THEN now() ELSE stage_entered_at END
        WHERE id = $1 AND stage = $5 AND status = $6 AND version = $7`,
      [initiative.id, to.stage, to.status, null, from.stage, from.status, current.version],
    );
    if (moved.rowCount !== 1) throw new Error('initiative changed');
    await c.query(
      `INSERT INTO stage_events (initiative_id, seq, kind, from_stage, from_status, to_stage, to_status, gate, decision,
                                 review_id, actor_id, actor_label, reason)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM stage_events WHERE initiative_id = $1`,
      [
        initiative.id,
        'decision',
        from.stage,
        from.status,
        to.stage,
        to.status,
        review.gate,
        'recycle',
        reviewId,
        chair.id,
        chair.label,
        null,
      ],
    );
    await auditAppend(c, chair, {
      action: 'portfolio.initiative.decision.recycle',
      entityType: 'initiative',
      entityId: initiative.id,
      before: { ...from, version: current.version },
      after: { ...to, version: current.version + 1, holdUntil: null },
    });
    await c.query(OUTBOX_INSERT, [
      randomUUID(),
      'portfolio.stage-changed',
      'initiative',
      initiative.id,
      JSON.stringify({
        initiativeId: initiative.id,
        portfolioId: current.portfolio_id,
        from,
        to,
        gate: review.gate,
        reviewId,
      }),
    ]);
    // Back in DecideGateReview
    await c.query(
      `UPDATE inbox_items SET done_at = now()
        WHERE subject_id = $1 AND kind = ANY($2::text[]) AND done_at IS NULL AND ($3::uuid IS NULL OR user_id = $3)`,
      [reviewId, ['decide_review', 'review_overdue'], null],
    );
    await auditAppend(c, chair, {
      action: 'gates.review.decided',
      entityType: 'gate_review',
      entityId: reviewId,
      before: null,
      after: { decision: 'recycle', conditions: [], holdUntil: null },
    });
    await c.query(OUTBOX_INSERT, [
      randomUUID(),
      'gates.review-decided',
      'gate_review',
      reviewId,
      JSON.stringify({ reviewId, initiativeId: initiative.id, gate: review.gate, decision: 'recycle' }),
    ]);
    await c.query('COMMIT');
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up, runs, checks

const reviewsPerMode = Math.round(numberArg('reviews', 2000));
const warmupPerMode = Math.round(numberArg('warmup', 200));
const concurrency = Math.round(numberArg('concurrency', 8));

interface Measured {
  name: string;
  result: RunResult;
  /** Share of one core this process used meanwhile: the API server, or the bare pg client. */
  cpu: number;
}

async function withCpu(work: () => Promise<RunResult>): Promise<{ result: RunResult; cpu: number }> {
  const before = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(before);
  return { result, cpu: (used.user + used.system) / 1000 / result.elapsedMs };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function summarise({ name, result, cpu }: Measured): string[] {
  const sorted = Float64Array.from(result.latenciesMs).sort();
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return [
    name,
    fmt((result.decisions * 1000) / result.elapsedMs),
    fmt(result.decisions),
    fmt(result.elapsedMs / 1000, 2),
    fmt(mean, 2),
    fmt(at(0.5), 2),
    fmt(at(0.99), 2),
    fmt(sorted[sorted.length - 1] ?? NaN, 1),
    `${fmt(cpu * 100)}%`,
  ];
}

function assertClean(name: string, result: RunResult): void {
  if (result.failures.length > 0) {
    throw new Error(
      `${name}: ${result.failures.length} decisions failed, e.g. ${result.failures.slice(0, 3).join(' | ')}`,
    );
  }
}

async function main(): Promise<void> {
  const env = await benchEnvironment('bench_decisions', { DATABASE_POOL_SIZE: String(concurrency + 2) });
  let app: NestFastifyApplication | undefined;
  let pool: Pool | undefined;
  try {
    app = await startAmbidex(env);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.getHttpServer().address() as AddressInfo;
    const ds = app.get(DataSource);

    const { chair: chairUser, ownerId, accessToken } = await chairAndOwner(app);
    const chair: Chair = { id: chairUser.id, label: chairUser.email };
    const { model, portfolio } = await seedModelAndPortfolio(ds, ownerId);
    const seedIds = { portfolio, model, owner: ownerId, chair: chair.id };

    const seeding = performance.now();
    const apiWarm = await seedAwaitingDecision(ds, seedIds, warmupPerMode);
    const apiIds = await seedAwaitingDecision(ds, seedIds, reviewsPerMode);
    const bareWarm = await seedAwaitingDecision(ds, seedIds, warmupPerMode);
    const bareIds = await seedAwaitingDecision(ds, seedIds, reviewsPerMode);
    await ds.query('VACUUM ANALYZE');
    console.log(
      `${fmt(2 * (reviewsPerMode + warmupPerMode))} reviews awaiting a decision seeded by SQL in ${fmt((performance.now() - seeding) / 1000, 1)} s; ` +
        `${fmt(reviewsPerMode)} decisions per mode after ${fmt(warmupPerMode)} discarded, concurrency ${concurrency}`,
    );

    // Through the API: real HTTP, client in a child process.
    assertClean('API warm-up', await runClientProcess({ port, token: accessToken, reviewIds: apiWarm, concurrency }));
    const { result: api, cpu: apiCpu } = await profiled(profileDirArg(), 'decisions-api', () =>
      withCpu(() => runClientProcess({ port, token: accessToken, reviewIds: apiIds, concurrency })),
    );
    assertClean('API', api);

    // Bare pg: the same statements, same concurrency.
    pool = new Pool({ connectionString: env.databaseUrl, max: concurrency });
    const bareOnce = (id: string): Promise<void> => bareDecision(pool as Pool, chair, id);
    assertClean('bare pg warm-up', await boundedLoop(bareWarm, concurrency, bareOnce));
    const { result: bare, cpu: bareCpu } = await withCpu(() => boundedLoop(bareIds, concurrency, bareOnce));
    assertClean('bare pg', bare);

    const measured: Measured[] = [
      { name: 'Ambidex  POST /api/reviews/:id/decision (HTTP, auth, use case)', result: api, cpu: apiCpu },
      { name: 'bare pg  same 13 statements, one transaction', result: bare, cpu: bareCpu },
    ];
    console.log();
    console.log(
      table(
        ['mode', 'decisions/s', 'decisions', 'seconds', 'mean ms', 'p50 ms', 'p99 ms', 'max ms', 'node CPU'],
        measured.map(summarise),
      ),
    );
    const ratio = api.decisions / api.elapsedMs / (bare.decisions / bare.elapsedMs);
    console.log();
    console.log(`ambidex / bare pg   decisions/s: ${fmt(ratio, 3)}`);

    const problems = [
      ...(await checkDecided(ds, [...apiWarm, ...apiIds])).map((p) => `API: ${p}`),
      ...(await checkDecided(ds, [...bareWarm, ...bareIds])).map((p) => `bare pg: ${p}`),
    ];
    const verification = await ds.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    console.log(
      `checks: every decision has one history event, two audit entries, two outbox rows: ${problems.length === 0 ? 'OK' : 'FAILED'}; ` +
        `verifyAuditTrail: ${verification.ok ? 'OK' : 'BROKEN'} (${fmt(verification.entries)} entries in ${fmt(verification.chains)} chains)`,
    );
    for (const problem of [
      ...problems,
      ...verification.problems.slice(0, 10).map((p) => `${p.chainKey} ${p.seq ?? '-'}: ${p.problem}`),
    ]) {
      console.error(`  ${problem}`);
    }
    if (problems.length > 0 || !verification.ok)
      throw new Error('the decisions did not leave exactly the rows they should');
  } finally {
    await pool?.end().catch((e: unknown) => console.error('closing the pg pool:', e));
    await app?.close().catch((e: unknown) => console.error('closing Ambidex:', e));
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

if (process.argv.includes('--decisions-client')) {
  answerParent(runClient);
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('bench:decisions FAILED:', error);
      process.exit(1);
    },
  );
}
