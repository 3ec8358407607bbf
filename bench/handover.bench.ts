/**
 * `npm run bench:handover [-- --initiatives 200 --warmup 20 --learnings 50 --assumptions 10 --signatures 100 --inserts 1000]`
 *
 * (a) Handover packages assembled per second. `initiatives` initiatives per mode are seeded by SQL, in develop, each
 *     with `assumptions` assumptions (half validated by an experiment with a validating result, a fifth invalidated by
 *     one, the rest untested), `learnings` learnings spread over those experiments, and a G3 review decided 'go'.
 *     AssembleHandoverPackage.run (what the 'assemble-package' job calls) is timed over all of them at concurrency 1
 *     and 4, in the app `npm start` builds (RootModule, API part only: no worker, so no sweeper assembles behind the
 *     bench's back). Baseline in the same run: the bare INSERTs of the same rows (the package with its final
 *     checklist, its requirements, the process record, 4 documents + their revision + their citations), computed
 *     beforehand from the same facts with the same domain functions, sent by `pg` in one transaction per package,
 *     one statement per row as the use case does, at the same concurrencies. What the use case does on top: the
 *     initiative lock, the existence check, the four fact reads, the computing, the checklist UPDATE, one audit append.
 * (b) The cost of an electronic signature: ElectronicSignatures.authenticate (user read, rate-limit check in Redis,
 *     argon2id verify) and sign (SHA-256 of the canonical JSON of the subject + INSERT, in a transaction of its own as
 *     in a use case), against argon2 verify alone, contentHash of the same subject alone, and a bare INSERT of a
 *     signature row through `pg` in a transaction. The subject is a real handover package assembled in (a), i.e. what
 *     the quality head signs on acceptance. Sequential, one signature at a time: per-signature latency, p50/p95.
 *
 * Every run is preceded by a discarded warm-up. Runs on a throwaway database, dropped at the end (with the Redis keys).
 */
import 'reflect-metadata';
import {
  AssembleHandoverPackage,
  deriveRequirements,
  deriveRisks,
  DRAFT_TYPES,
  draftDocument,
  gatherInitiativeFacts,
  loadPackage,
  packageKpis,
  packageSubject,
  productDefinitionOf,
  readinessChecklist,
} from '@ambidex/handover';
import { EvidenceReader } from '@ambidex/experiments';
import { PasswordHasher, UsersService } from '@ambidex/identity';
import { canonicalJson, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { contentHash, ElectronicSignatures, SignedSubject } from '@ambidex/qms';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { seedModelAndPortfolio, startAmbidex } from './lib/bench-app';
import { benchEnvironment, numberArg, table } from './lib/bench-env';

const perMode = Math.round(numberArg('initiatives', 200));
const warmup = Math.round(numberArg('warmup', 20));
const learningsEach = Math.round(numberArg('learnings', 50));
const assumptionsEach = Math.round(numberArg('assumptions', 10));
const signatureSamples = Math.round(numberArg('signatures', 100));
const insertSamples = Math.round(numberArg('inserts', 1000));
const CONCURRENCIES = [1, 4];
const PASSWORD = 'correct horse battery staple';

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Run {
  count: number;
  elapsedMs: number;
  latenciesMs: number[];
}

function percentile(values: number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** `concurrency` loops taking the next item until none is left. */
async function boundedLoop<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<Run> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        const t0 = performance.now();
        await work(item);
        latenciesMs.push(performance.now() - t0);
      }
    }),
  );
  return { count: latenciesMs.length, elapsedMs: performance.now() - started, latenciesMs };
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding (SQL, in bulk)

interface Seed {
  portfolio: string;
  model: string;
  owner: string;
  chair: string;
}

interface Target {
  initiativeId: string;
  reviewId: string;
}

const validatedEach = Math.floor(assumptionsEach / 2);
const invalidatedEach = Math.floor(assumptionsEach / 5);

/** `count` initiatives in develop, with assumptions, experiments + results, learnings and a decided G3 'go'. */
async function seed(ds: DataSource, s: Seed, count: number): Promise<Target[]> {
  return ds.transaction(async (em) => {
    const ini = (await em.query(
      `INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition, innovation_type,
                                npv, probability_commercial, probability_technical, commercialization_cost, remaining_development_cost, cost_to_date, stage)
       SELECT $1, $2, 'Bench initiative ' || g || ' ' || md5(random()::text),
              'Clinics lose a quarter of their front-desk time to manual patient check-in and insurance card capture',
              'Clinics pay for a self-service kiosk that halves front-desk time per patient', $3,
              'H2', 'adjacent', 'product', 1000000, 0.6, 0.8, 100000, 200000, 10000, 'develop'
         FROM generate_series(1, $4::int) AS g
       RETURNING id`,
      [s.portfolio, s.model, s.owner, count],
    )) as { id: string }[];
    const ids = ini.map((r) => r.id);
    await em.query(
      `INSERT INTO stage_events (initiative_id, seq, kind, to_stage, to_status, actor_id, actor_label) SELECT id, 1, 'created', 'develop', 'active', $2, 'bench' FROM unnest($1::uuid[]) AS id`,
      [ids, s.owner],
    );
    await em.query(
      `INSERT INTO assumptions (initiative_id, statement, risk_kind, importance, status, created_by)
       SELECT i, 'Assumption ' || k || ': patients at a mid-size clinic complete check-in at the kiosk without staff help',
              (ARRAY['desirability', 'feasibility', 'viability'])[1 + k % 3], 1 + k % 5,
              CASE WHEN k < $2 THEN 'validated' WHEN k < $2 + $3 THEN 'invalidated' ELSE 'untested' END, $4
         FROM unnest($1::uuid[]) AS i CROSS JOIN generate_series(0, $5::int - 1) AS k`,
      [ids, validatedEach, invalidatedEach, s.owner, assumptionsEach],
    );
    // One experiment per tested assumption; its hypothesis names the assumption so the link can be made below.
    await em.query(
      `INSERT INTO experiments (initiative_id, hypothesis, method, metric, comparison, threshold, minimum_sample, status, started_at, completed_at, created_by)
       SELECT a.initiative_id, 'Tests assumption ' || a.id, 'concierge pilot at two clinics', 'share of unassisted check-ins', '>=', 0.3, 50,
              'completed', now() - interval '30 days', now() - interval '2 days', $2
         FROM assumptions a WHERE a.initiative_id = ANY($1::uuid[]) AND a.status <> 'untested'`,
      [ids, s.owner],
    );
    await em.query(
      `INSERT INTO experiment_assumptions (experiment_id, assumption_id)
       SELECT e.id, a.id FROM experiments e JOIN assumptions a ON e.hypothesis = 'Tests assumption ' || a.id::text WHERE e.initiative_id = ANY($1::uuid[])`,
      [ids],
    );
    await em.query(
      `INSERT INTO experiment_results (experiment_id, idempotency_key, value, sample_size, cost, result, recorded_by)
       SELECT e.id, 'seed-' || e.id, CASE WHEN a.status = 'validated' THEN 0.47 ELSE 0.12 END, 120, 1500,
              CASE WHEN a.status = 'validated' THEN 'validated' ELSE 'invalidated' END, $2
         FROM experiments e JOIN experiment_assumptions ea ON ea.experiment_id = e.id JOIN assumptions a ON a.id = ea.assumption_id
        WHERE e.initiative_id = ANY($1::uuid[])`,
      [ids, s.owner],
    );
    // `learningsEach` learnings per initiative, dealt round-robin over its experiments in assumption order (so every
    // initiative has the same shape: the validated assumptions' experiments come first).
    await em.query(
      `INSERT INTO learnings (initiative_id, experiment_id, observed, belief, decision, confidence, recorded_by)
       SELECT e.initiative_id, e.id,
              'Learning ' || l || ': in week ' || (1 + l % 4) || ' about ' || (30 + l % 20) || ' percent of patients finished check-in alone; older patients asked for help with the card scan',
              'The kiosk works for most patients if the card scan is guided', (ARRAY['persevere', 'pivot', 'persevere'])[1 + l % 3], (ARRAY['low', 'medium', 'high'])[1 + l % 3], $3
         FROM (SELECT e.id, e.initiative_id, count(*) OVER (PARTITION BY e.initiative_id) AS n,
                      row_number() OVER (PARTITION BY e.initiative_id ORDER BY split_part(split_part(a.statement, ':', 1), ' ', 2)::int) - 1 AS rn
                 FROM experiments e JOIN experiment_assumptions ea ON ea.experiment_id = e.id JOIN assumptions a ON a.id = ea.assumption_id
                WHERE e.initiative_id = ANY($1::uuid[])) AS e
         JOIN generate_series(0, $2::int - 1) AS l ON l % e.n = e.rn`,
      [ids, learningsEach, s.owner],
    );
    const reviews = (await em.query(
      `INSERT INTO gate_reviews (initiative_id, gate, status, requested_by, chair_id, opened_at, decision, decision_reason, decided_by, decided_at)
       SELECT i, 'G3', 'decided', $2, $3, now(), 'go', 'ready for handover', $3, now() FROM unnest($1::uuid[]) AS i
       RETURNING id, initiative_id`,
      [ids, s.owner, s.chair],
    )) as { id: string; initiative_id: string }[];
    return reviews.map((r) => ({ initiativeId: r.initiative_id, reviewId: r.id }));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The baseline: the same rows, computed beforehand, INSERTed bare

interface PackageRows {
  target: Target;
  ownerId: string;
  productDefinition: string;
  risks: string;
  checklist: string;
  requirements: { key: string; text: string; assumptionId: string; experimentIds: string[]; learningIds: string[] }[];
  processName: string;
  kpis: string;
  documents: { type: string; title: string; body: string }[];
  cited: string[];
}

/** The facts the use case reads (its own reader), turned into rows by the same domain functions; not timed. */
async function precompute(ds: DataSource, evidence: EvidenceReader, target: Target): Promise<PackageRows> {
  const facts = await gatherInitiativeFacts(ds.manager, evidence, target.initiativeId);
  const requirements = deriveRequirements(facts.assumptions, facts.experiments, facts.learnings);
  const risks = deriveRisks(facts.assumptions);
  const kpis = packageKpis(facts.experiments);
  const { title, problem, valueHypothesis, ownerId } = facts.initiative;
  const draftFacts = { title, problem, valueHypothesis, ownerName: facts.ownerName, requirements, risks, kpis };
  return {
    target,
    ownerId,
    productDefinition: JSON.stringify(productDefinitionOf(facts)),
    risks: JSON.stringify(risks),
    checklist: JSON.stringify(
      readinessChecklist({
        requirements,
        risks,
        kpis,
        documents: DRAFT_TYPES.map((type) => ({ type, ownerId })),
        trainingRoles: [],
      }),
    ),
    requirements: requirements.map((r) => ({
      key: r.key,
      text: r.text,
      assumptionId: r.assumptionId,
      experimentIds: r.evidence.experimentIds,
      learningIds: r.evidence.learningIds,
    })),
    processName: `${title} process`,
    kpis: JSON.stringify(kpis),
    documents: DRAFT_TYPES.map((type) => ({ type, ...draftDocument(type, draftFacts) })),
    cited: [...new Set([...requirements.map((r) => r.assumptionId), ...risks.map((r) => r.assumptionId)])],
  };
}

async function bareInsert(pool: Pool, rows: PackageRows): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const pkg = await c.query<{ id: string }>(
      `INSERT INTO handover_packages (initiative_id, review_id, product_definition, risks, checklist) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [rows.target.initiativeId, rows.target.reviewId, rows.productDefinition, rows.risks, rows.checklist],
    );
    const packageId = pkg.rows[0]?.id;
    for (const r of rows.requirements) {
      await c.query(
        `INSERT INTO handover_requirements (package_id, key, text, assumption_id, experiment_ids, learning_ids) VALUES ($1, $2, $3, $4, $5, $6)`,
        [packageId, r.key, r.text, r.assumptionId, r.experimentIds, r.learningIds],
      );
    }
    await c.query(
      `INSERT INTO process_records (package_id, initiative_id, name, owner_id, inputs, outputs, resources, kpis, risks_and_controls)
       VALUES ($1, $2, $3, $4, '[]', '[]', '[]', $5, $6)`,
      [packageId, rows.target.initiativeId, rows.processName, rows.ownerId, rows.kpis, rows.risks],
    );
    for (const d of rows.documents) {
      const doc = await c.query<{ id: string }>(
        `INSERT INTO controlled_documents (document_type, title, owner_id, package_id, origin_initiative_id, training_roles) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [d.type, d.title, rows.ownerId, packageId, rows.target.initiativeId, ['quality_head']],
      );
      const documentId = doc.rows[0]?.id;
      await c.query(
        `INSERT INTO document_revisions (document_id, revision, title, body, created_by) VALUES ($1, 1, $2, $3, $4)`,
        [documentId, d.title, d.body, rows.ownerId],
      );
      await c.query(
        `INSERT INTO document_citations (document_id, assumption_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [documentId, rows.cited],
      );
    }
    await c.query('COMMIT');
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

async function checkPackages(ds: DataSource, targets: Target[]): Promise<Record<string, number>> {
  const [row] = (await ds.query(
    `SELECT count(DISTINCT p.id)::int AS packages,
            (SELECT count(*) FROM handover_requirements r JOIN handover_packages p2 ON p2.id = r.package_id WHERE p2.review_id = ANY($1::uuid[]))::int AS requirements,
            (SELECT coalesce(sum(cardinality(r.learning_ids)), 0) FROM handover_requirements r JOIN handover_packages p2 ON p2.id = r.package_id WHERE p2.review_id = ANY($1::uuid[]))::int AS "learningLinks",
            (SELECT count(*) FROM process_records pr JOIN handover_packages p2 ON p2.id = pr.package_id WHERE p2.review_id = ANY($1::uuid[]))::int AS "processRecords",
            (SELECT count(*) FROM controlled_documents d JOIN handover_packages p2 ON p2.id = d.package_id WHERE p2.review_id = ANY($1::uuid[]))::int AS documents,
            (SELECT count(*) FROM document_revisions v JOIN controlled_documents d ON d.id = v.document_id JOIN handover_packages p2 ON p2.id = d.package_id WHERE p2.review_id = ANY($1::uuid[]))::int AS revisions,
            (SELECT coalesce(sum(length(v.body)), 0) FROM document_revisions v JOIN controlled_documents d ON d.id = v.document_id JOIN handover_packages p2 ON p2.id = d.package_id WHERE p2.review_id = ANY($1::uuid[]))::bigint::float8 AS "bodyChars",
            (SELECT count(*) FROM document_citations c JOIN controlled_documents d ON d.id = c.document_id JOIN handover_packages p2 ON p2.id = d.package_id WHERE p2.review_id = ANY($1::uuid[]))::int AS citations
       FROM handover_packages p WHERE p.review_id = ANY($1::uuid[])`,
    [targets.map((t) => t.reviewId)],
  )) as Record<string, number>[];
  const n = targets.length;
  // Per package, so the app's and the bare rows compare at a glance.
  return Object.fromEntries(
    Object.entries(row ?? {}).map(([k, v]) => [k, k === 'packages' ? v : Math.round((v / n) * 10) / 10]),
  );
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const env = await benchEnvironment('bench_handover', { DATABASE_POOL_SIZE: '8' });
  let app: NestFastifyApplication | undefined;
  let pool: Pool | undefined;
  try {
    app = await startAmbidex(env);
    const ds = app.get(DataSource);
    const users = app.get(UsersService);
    const owner = await users.create(SYSTEM_ACTOR, {
      email: 'bench.owner@example.test',
      displayName: 'Bench Owner',
      password: PASSWORD,
      roles: ['innovation_lead'],
    });
    const chair = await users.create(SYSTEM_ACTOR, {
      email: 'bench.chair@example.test',
      displayName: 'Bench Chair',
      password: PASSWORD,
      roles: ['leadership'],
    });
    const quality = await users.create(SYSTEM_ACTOR, {
      email: 'bench.quality@example.test',
      displayName: 'Bench Quality-Head',
      password: PASSWORD,
      roles: ['quality_head'],
    });
    const { model, portfolio } = await seedModelAndPortfolio(ds, owner.id);
    const s: Seed = { portfolio, model, owner: owner.id, chair: chair.id };

    // ---- (a) assembly ---------------------------------------------------------------------------------------
    const seeding = performance.now();
    const appWarm = await seed(ds, s, warmup);
    const appSets = new Map<number, Target[]>();
    const bareSets = new Map<number, Target[]>();
    for (const c of CONCURRENCIES) appSets.set(c, await seed(ds, s, perMode));
    const bareWarm = await seed(ds, s, warmup);
    for (const c of CONCURRENCIES) bareSets.set(c, await seed(ds, s, perMode));
    await ds.query('VACUUM ANALYZE');
    const total = 2 * warmup + 2 * CONCURRENCIES.length * perMode;
    const [shape] = (await ds.query(
      `SELECT (SELECT count(*) FROM assumptions)::int AS assumptions, (SELECT count(*) FROM experiments)::int AS experiments,
              (SELECT count(*) FROM experiment_results)::int AS results, (SELECT count(*) FROM learnings)::int AS learnings`,
    )) as { assumptions: number; experiments: number; results: number; learnings: number }[];
    console.log(
      `(a) ${fmt(total)} initiatives seeded by SQL in ${fmt((performance.now() - seeding) / 1000, 1)} s: each in develop with ${fmt((shape?.assumptions ?? 0) / total)} assumptions ` +
        `(${validatedEach} validated, ${invalidatedEach} invalidated), ${fmt((shape?.experiments ?? 0) / total)} experiments with results, ` +
        `${fmt((shape?.learnings ?? 0) / total)} learnings and a G3 'go'. ${fmt(perMode)} packages per run after ${fmt(warmup)} discarded; DATABASE_POOL_SIZE 8`,
    );

    const assemble = app.get(AssembleHandoverPackage);
    const evidence = app.get(EvidenceReader);
    const assembleOne = async (t: Target): Promise<void> => {
      const outcome = await assemble.run(t.initiativeId, t.reviewId);
      if (outcome !== 'assembled') throw new Error(`${t.reviewId}: ${outcome}`);
    };
    const precomputing = performance.now();
    const bareWarmRows = await Promise.all(bareWarm.map((t) => precompute(ds, evidence, t)));
    const bareRows = new Map<number, PackageRows[]>();
    for (const c of CONCURRENCIES) {
      const rows: PackageRows[] = [];
      for (const t of bareSets.get(c) ?? []) rows.push(await precompute(ds, evidence, t));
      bareRows.set(c, rows);
    }
    const precomputeMs = performance.now() - precomputing;
    pool = new Pool({ connectionString: env.databaseUrl, max: Math.max(...CONCURRENCIES) });
    const barePool = pool;

    await boundedLoop(appWarm, 2, assembleOne);
    await boundedLoop(bareWarmRows, 2, (rows) => bareInsert(barePool, rows));
    // Each concurrency: the use case, then its baseline right after, so drift on a busy machine hits both alike.
    const appRuns = new Map<number, Run>();
    const bareRuns = new Map<number, Run>();
    for (const c of CONCURRENCIES) {
      appRuns.set(c, await boundedLoop(appSets.get(c) ?? [], c, assembleOne));
      bareRuns.set(c, await boundedLoop(bareRows.get(c) ?? [], c, (rows) => bareInsert(barePool, rows)));
    }

    const perSecond = (r: Run): number => (r.count * 1000) / r.elapsedMs;
    const rowOf = (name: string, c: number, r: Run): string[] => [
      name,
      String(c),
      fmt(perSecond(r), 1),
      fmt(r.count),
      fmt(r.elapsedMs / 1000, 2),
      fmt(percentile(r.latenciesMs, 0.5), 2),
      fmt(percentile(r.latenciesMs, 0.95), 2),
    ];
    const rows: string[][] = [];
    for (const c of CONCURRENCIES) rows.push(rowOf('AssembleHandoverPackage.run', c, appRuns.get(c) as Run));
    for (const c of CONCURRENCIES)
      rows.push(rowOf('bare pg INSERTs of the same rows, 1 tx', c, bareRuns.get(c) as Run));
    console.log();
    console.log(table(['mode', 'concurrency', 'packages/s', 'packages', 'seconds', 'p50 ms', 'p95 ms'], rows));
    console.log();
    for (const c of CONCURRENCIES) {
      console.log(
        `assembly / bare INSERTs   packages/s at concurrency ${c}: ${fmt(perSecond(appRuns.get(c) as Run) / perSecond(bareRuns.get(c) as Run), 3)}`,
      );
    }
    const app1 = appRuns.get(1) as Run;
    const app4 = appRuns.get(4) as Run;
    console.log(`assembly concurrency 4 / concurrency 1: ${fmt(perSecond(app4) / perSecond(app1), 2)}x`);
    console.log(
      `(computing the bare rows from the same facts, not timed above: ${fmt(precomputeMs / (bareWarm.length + CONCURRENCIES.length * perMode), 2)} ms per package, reads included)`,
    );

    const appCheck = await checkPackages(ds, [...appWarm, ...CONCURRENCIES.flatMap((c) => appSets.get(c) ?? [])]);
    const bareCheck = await checkPackages(ds, [...bareWarm, ...CONCURRENCIES.flatMap((c) => bareSets.get(c) ?? [])]);
    const [audits] = (await ds.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'handover.package.assembled'`,
    )) as { n: number }[];
    const { packages: appPackages, ...appPer } = appCheck;
    const { packages: barePackages, ...barePer } = bareCheck;
    const same = JSON.stringify(appPer) === JSON.stringify(barePer);
    const expectedPackages = warmup + CONCURRENCIES.length * perMode;
    const ok =
      same && appPackages === expectedPackages && barePackages === expectedPackages && audits?.n === expectedPackages;
    console.log(`per package, assembled: ${JSON.stringify(appPer)}`);
    console.log(`per package, bare:      ${JSON.stringify(barePer)}`);
    console.log(
      `checks: ${appPackages} + ${barePackages} packages, ${audits?.n} 'assembled' audit entries: ${ok ? 'OK (same rows both ways)' : 'FAILED'}`,
    );
    if (!ok) throw new Error('the packages do not have the rows they should');

    // ---- (b) signing ----------------------------------------------------------------------------------------
    const signatures = app.get(ElectronicSignatures);
    const tx = app.get(TransactionRunner);
    const hasher = app.get(PasswordHasher);
    const [stored] = (await ds.query(`SELECT password_hash FROM users WHERE id = $1`, [quality.id])) as {
      password_hash: string;
    }[];
    const passwordHash = stored?.password_hash ?? '';
    const signedPackage = (appSets.get(1) ?? [])[0] as Target;
    const [pkgRow] = (await ds.query(`SELECT id FROM handover_packages WHERE review_id = $1`, [
      signedPackage.reviewId,
    ])) as { id: string }[];
    const subject: SignedSubject = await ds.transaction(async (em) =>
      packageSubject(em, await loadPackage(em, pkgRow?.id ?? '')),
    );
    const subjectBytes = Buffer.byteLength(
      canonicalJson({ recordType: subject.recordType, recordId: subject.recordId, content: subject.content }),
    );
    // A signature is once per (record, signer, meaning): each sample signs the same content under a record id of its own.
    const fresh = (): SignedSubject => ({ ...subject, recordId: randomUUID() });
    const signer = await signatures.authenticate({ userId: quality.id, password: PASSWORD });
    const fixedHash = contentHash(subject);
    const bareSignature = async (): Promise<void> => {
      const c = await barePool.connect();
      try {
        await c.query('BEGIN');
        await c.query(
          `INSERT INTO electronic_signatures (record_type, record_id, signer_id, printed_name, meaning, content_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [subject.recordType, randomUUID(), signer.userId, signer.printedName, 'accepted', fixedHash],
        );
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    };
    const authenticate = (): Promise<unknown> => signatures.authenticate({ userId: quality.id, password: PASSWORD });
    const argon = (): Promise<unknown> => hasher.verify(passwordHash, PASSWORD);
    const signOnce = (): Promise<unknown> => tx.run((em) => signatures.sign(em, signer, fresh(), 'accepted'));
    const endToEnd = async (): Promise<void> => {
      const who = await signatures.authenticate({ userId: quality.id, password: PASSWORD });
      await tx.run((em) => signatures.sign(em, who, fresh(), 'accepted'));
    };
    const subjects = Array.from({ length: insertSamples + Math.round(insertSamples / 10) }, fresh);
    let nextSubject = 0;
    const hashOnce = (): string => contentHash(subjects[nextSubject++ % subjects.length] as SignedSubject);
    // The parts are sampled interleaved (one of each per round), so a busy machine's drift weighs on all of them alike.
    const interleaved = async (rounds: number, parts: (() => unknown)[]): Promise<number[][]> => {
      const out = parts.map(() => [] as number[]);
      for (let i = 0; i < rounds; i++) {
        for (const [k, part] of parts.entries()) {
          const t0 = performance.now();
          await part();
          out[k]?.push(performance.now() - t0);
        }
      }
      return out;
    };
    const slow = [endToEnd, authenticate, argon];
    const fast = [signOnce, hashOnce, bareSignature];
    await interleaved(Math.max(3, Math.round(signatureSamples / 10)), slow);
    const [totalMs = [], authenticateMs = [], argonMs = []] = await interleaved(signatureSamples, slow);
    await interleaved(Math.round(insertSamples / 10), fast);
    const [signMs = [], hashMs = [], bareMs = []] = await interleaved(insertSamples, fast);

    const line = (name: string, values: number[], digits = 2): string[] => [
      name,
      fmt(values.length),
      fmt(percentile(values, 0.5), digits),
      fmt(percentile(values, 0.95), digits),
      fmt(mean(values), digits),
    ];
    console.log();
    console.log(
      `(b) signing a handover package on acceptance (canonical JSON of the subject: ${fmt(subjectBytes)} bytes; argon2id ${passwordHash.split('$')[3] ?? '?'} as the app hashes; ` +
        `sequential, ${fmt(signatureSamples)} re-authentications and ${fmt(insertSamples)} inserts/hashes after a discarded warm-up)`,
    );
    console.log();
    console.log(
      table(
        ['per signature', 'samples', 'p50 ms', 'p95 ms', 'mean ms'],
        [
          line('authenticate + sign (what a use case pays)', totalMs),
          line('  authenticate: user read + Redis rate-limit check + argon2id verify', authenticateMs),
          line('    argon2id verify alone (PasswordHasher.verify)', argonMs),
          line('  sign: contentHash + INSERT, own transaction (TypeORM)', signMs),
          line('    contentHash alone (canonical JSON + SHA-256)', hashMs, 3),
          line('    bare INSERT of a signature row (pg, own transaction)', bareMs),
        ],
      ),
    );
    const p50 = (v: number[]): number => percentile(v, 0.5);
    const authShare = p50(authenticateMs) / (p50(authenticateMs) + p50(signMs));
    console.log();
    console.log(
      `dominates: ${authShare >= 0.5 ? 're-authentication' : 'sign (hash + INSERT)'}. At p50 authenticate takes ${fmt(p50(authenticateMs), 1)} ms and sign ${fmt(p50(signMs), 2)} ms, so ` +
        `${fmt(100 * authShare, 1)}% of a signature is re-authentication; argon2id verify alone is ${fmt((100 * p50(argonMs)) / p50(authenticateMs))}% of authenticate. ` +
        `Within sign, hashing is ${fmt((100 * p50(hashMs)) / p50(signMs), 1)}% and the INSERT transaction the rest (sign / bare INSERT: ${fmt(p50(signMs) / p50(bareMs), 2)}x).`,
    );
    console.log(
      `argon2id verify / contentHash at p50: ${fmt(p50(argonMs) / p50(hashMs))}x; one signer signs at most ~${fmt(1000 / p50(totalMs), 1)} signatures/s one after another`,
    );
  } finally {
    await pool?.end().catch(() => undefined);
    await app?.close().catch((e: unknown) => console.error('closing Ambidex:', e));
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:handover FAILED:', error);
    process.exit(1);
  },
);
