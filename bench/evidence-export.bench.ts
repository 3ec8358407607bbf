/**
 * `npm run bench:evidence [-- --entries 60000 --runs 3]`
 *
 * The evidence export over a year of records: a throwaway database gets a realistic year of audit-trail entries
 * (nonconformities, internal audits, document revisions and reviews, gate decisions, experiments, handovers, change
 * requests, training, plus the sign-ins and user changes the export leaves out) in valid hash chains, and the
 * e-signatures of the signed records. Then, for the whole year:
 *   - baseline: the bare SELECT of the same entries (same WHERE) serialised with JSON.stringify;
 *   - index:    collectEvidence (the entries, their signatures, filed by clause) in a REPEATABLE READ snapshot;
 *   - ZIP:      index + evidenceZip (one JSON per record, index.json, coverage.json; deflated);
 *   - PDF:      index + evidencePdf (coverage summary, then clause by clause);
 *   - verify:   verifyEvidenceArchive of that ZIP against the trail (what `audit:verify --evidence` runs);
 * each the median of --runs, with the ratio to the baseline, and the size of each file.
 *
 * The trail refuses back-dated appends (its clock is the database's), so the year is written as the database owner
 * with triggers off for this session (session_replication_role = replica), chains hashed exactly as AuditTrail does.
 */
import 'reflect-metadata';
import {
  collectEvidence,
  EVIDENCE_PREFIXES,
  evidencePdf,
  evidenceRange,
  evidenceZip,
  verifyEvidenceArchive,
} from '@ambidex/evidence';
import { GENESIS_HASH, hashAuditEntry, queryRows } from '@ambidex/platform';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { createDataSource, runMigrations } from '../apps/shared/src/migrations';
import { benchEnvironment, numberArg, table } from './lib/bench-env';

const targetEntries = numberArg('entries', 60_000);
const runs = numberArg('runs', 3);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;

/** A kind of record and the life its chain goes through in a year: the actions, in order. */
interface Life {
  entityType: string;
  share: number;
  actions: readonly string[];
  /** The record is signed (an e-signature naming it) at its last action. */
  selfSigned?: boolean;
  /** Its entries name another signed record in `after`. */
  afterKey?: 'revisionId' | 'packageId' | 'reviewId';
}

const LIVES: readonly Life[] = [
  {
    entityType: 'nonconformity',
    share: 0.18,
    actions: [
      'nonconformity.raised',
      'nonconformity.contained',
      'nonconformity.root-cause-recorded',
      'nonconformity.actions-planned',
      'nonconformity.action-done',
      'nonconformity.action-done',
      'nonconformity.effectiveness-due',
      'nonconformity.closed-effective',
    ],
    selfSigned: true,
  },
  {
    entityType: 'internal_audit',
    share: 0.08,
    actions: [
      'internal-audit.planned',
      'internal-audit.started',
      ...Array.from({ length: 8 }, () => 'internal-audit.finding-recorded'),
      'internal-audit.signed',
    ],
    selfSigned: true,
  },
  {
    entityType: 'controlled_document',
    share: 0.2,
    actions: ['qms.document.controlled', 'qms.revision.edited', 'qms.revision.submitted', 'qms.revision.approved'],
    afterKey: 'revisionId',
  },
  {
    entityType: 'controlled_document',
    share: 0.06,
    actions: ['qms.document.flagged-for-review', 'qms.document.reviewed'],
    afterKey: 'reviewId',
  },
  {
    entityType: 'initiative',
    share: 0.2,
    actions: [
      'portfolio.initiative.created',
      'portfolio.initiative.updated',
      'experiments.assumption.created',
      'experiments.experiment.created',
      'experiments.result.recorded',
      'gates.review.requested',
      'gates.scorecard.submitted',
      'gates.review.decided',
      'portfolio.initiative.decision.go',
    ],
  },
  {
    entityType: 'initiative',
    share: 0.04,
    actions: ['handover.package.assembled', 'handover.package.submitted', 'handover.package.accepted'],
    afterKey: 'packageId',
  },
  {
    entityType: 'controlled_document',
    share: 0.04,
    actions: ['qms.change-request.raised', 'qms.change-request.approved', 'qms.training.acknowledged'],
  },
  // Not evidence: what the export must leave out, at the same volume a real trail has.
  { entityType: 'user', share: 0.2, actions: ['identity.session.opened', 'identity.session.revoked'] },
];

interface Row {
  chain_key: string;
  seq: number;
  prev_hash: string;
  hash: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

/** Deterministic, so two runs write the same year. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function writeYear(ds: DataSource, signerId: string): Promise<{ entries: number; signatures: number }> {
  const rand = random(56001);
  const rows: Row[] = [];
  const signatures: { recordType: string; recordId: string; at: string }[] = [];
  const heads: { chainKey: string; seq: number; hash: string }[] = [];
  const meanLength = LIVES.reduce((s, l) => s + l.share * l.actions.length, 0);
  const chains = Math.ceil(targetEntries / meanLength);
  for (let c = 0; c < chains; c++) {
    let pick = rand();
    const life = LIVES.find((l) => (pick -= l.share) < 0) ?? LIVES[0]!;
    const entityId = randomUUID();
    const signedId = life.afterKey === undefined ? null : randomUUID();
    const chainKey = `${life.entityType}:${entityId}`;
    let at = YEAR_START + rand() * (YEAR_MS - 40 * 86_400_000);
    let prev = GENESIS_HASH;
    life.actions.forEach((action, i) => {
      at += rand() * 4 * 86_400_000;
      const facts = {
        chainKey,
        seq: i + 1,
        occurredAt: new Date(Math.floor(at)).toISOString(),
        actorId: signerId,
        actorLabel: 'Quinn Quality-Head',
        action,
        entityType: life.entityType,
        entityId,
        reason: null,
        before: i === 0 ? null : { step: i },
        after: {
          step: i + 1,
          note: 'Sampled ten records; all conform',
          ...(signedId ? { [life.afterKey!]: signedId } : {}),
        },
        requestId: randomUUID(),
      };
      const hash = hashAuditEntry(prev, facts);
      rows.push({
        chain_key: chainKey,
        seq: facts.seq,
        prev_hash: prev,
        hash,
        occurred_at: facts.occurredAt,
        actor_id: facts.actorId,
        actor_label: facts.actorLabel,
        action,
        entity_type: life.entityType,
        entity_id: entityId,
        reason: null,
        before: facts.before,
        after: facts.after,
        request_id: facts.requestId,
      });
      prev = hash;
    });
    heads.push({ chainKey, seq: life.actions.length, hash: prev });
    const signedAt = new Date(Math.floor(at)).toISOString();
    if (life.selfSigned === true) signatures.push({ recordType: life.entityType, recordId: entityId, at: signedAt });
    if (signedId !== null) {
      const recordType = {
        revisionId: 'document_revision',
        packageId: 'handover_package',
        reviewId: 'document_review',
      }[life.afterKey!];
      signatures.push({ recordType, recordId: signedId, at: signedAt });
    }
  }
  await ds.transaction(async (em) => {
    // Triggers off for this session only: the year is back-dated, which the trail's guard refuses by design.
    await em.query(`SET LOCAL session_replication_role = replica`);
    const BATCH = 5_000;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await em.query(
        `INSERT INTO audit_entries (chain_key, seq, prev_hash, hash, occurred_at, actor_id, actor_label, action,
                                    entity_type, entity_id, reason, before, after, request_id)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(chain_key text, seq int, prev_hash text, hash text,
           occurred_at timestamptz, actor_id uuid, actor_label text, action text, entity_type text, entity_id text,
           reason text, before jsonb, after jsonb, request_id text)`,
        [JSON.stringify(batch)],
      );
    }
    for (let i = 0; i < heads.length; i += BATCH)
      await em.query(
        `INSERT INTO audit_chain_heads (chain_key, seq, hash)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r("chainKey" text, seq int, hash text)`,
        [JSON.stringify(heads.slice(i, i + BATCH))],
      );
    for (let i = 0; i < signatures.length; i += BATCH)
      await em.query(
        `INSERT INTO electronic_signatures (record_type, record_id, signer_id, printed_name, meaning, content_hash, signed_at)
         SELECT r."recordType", r."recordId"::uuid, $2, 'Quinn Quality-Head', 'approved', encode(sha256(r."recordId"::bytea), 'hex'), r.at::timestamptz
           FROM jsonb_to_recordset($1::jsonb) AS r("recordType" text, "recordId" text, at text)`,
        [JSON.stringify(signatures.slice(i, i + BATCH)), signerId],
      );
  });
  await ds.query(`ANALYZE audit_entries`);
  await ds.query(`ANALYZE electronic_signatures`);
  return { entries: rows.length, signatures: signatures.length };
}

async function median<T>(label: string, work: () => Promise<T>): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)]!;
  console.log(`  ${label}: ${ms.toFixed(0)} ms (median of ${runs})`);
  return { ms, last: last as T };
}

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(2)} MB`;

async function main(): Promise<void> {
  const env = await benchEnvironment('bench_evidence');
  let ds: DataSource | undefined;
  try {
    await runMigrations(env.config, env.databaseUrl);
    ds = await createDataSource(env.config, env.databaseUrl).initialize();
    const [signer] = await queryRows<{ id: string }>(
      ds,
      `INSERT INTO users (email, display_name, password_hash, roles) VALUES ('bench@ambidex.local', 'Quinn Quality-Head', 'x', '{quality_head}') RETURNING id`,
    );
    const t0 = performance.now();
    const written = await writeYear(ds, signer!.id);
    console.log(
      `Wrote a year: ${written.entries} audit entries, ${written.signatures} e-signatures (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const range = evidenceRange(YEAR.from, YEAR.to);
    const db = ds;
    const snapshot = <T>(work: (em: EntityManager) => Promise<T>): Promise<T> =>
      db.transaction('REPEATABLE READ', work);

    console.log(`Export of ${YEAR.from} to ${YEAR.to}:`);
    const baseline = await median('baseline (bare SELECT + JSON.stringify)', () =>
      snapshot(async (em) => {
        const rows = await em.query(
          `SELECT * FROM audit_entries WHERE occurred_at >= $1 AND occurred_at < $2 AND action LIKE ANY ($3::text[]) ORDER BY occurred_at, id`,
          [range.start, range.end, EVIDENCE_PREFIXES.map((p) => `${p}%`)],
        );
        return Buffer.from(JSON.stringify(rows));
      }),
    );
    const index = await median('index (collectEvidence)', () =>
      snapshot((em) => collectEvidence(em, range, new Date())),
    );
    const zip = await median('ZIP (index + evidenceZip)', async () =>
      evidenceZip(await snapshot((em) => collectEvidence(em, range, new Date()))),
    );
    const pdf = await median('PDF (index + evidencePdf)', async () =>
      evidencePdf(await snapshot((em) => collectEvidence(em, range, new Date()))),
    );
    const verified = await median('verify the ZIP against the trail', () =>
      snapshot((em) => verifyEvidenceArchive(em, zip.last)),
    );
    if (!verified.last.ok) throw new Error(`the export did not verify: ${JSON.stringify(verified.last.problems[0])}`);

    const records = index.last.records.length;
    console.log(
      `\n${records} records of ${written.entries} entries, ${index.last.clauses.length - index.last.missing.length} of ${index.last.clauses.length} clauses covered; missing: ${index.last.missing.map((c) => c.id).join(', ')}`,
    );
    console.log(
      table(
        ['', 'time (ms)', 'ratio to baseline', 'size', 'records/s'],
        [
          [
            'baseline SELECT → JSON',
            baseline.ms.toFixed(0),
            '1.00',
            mb(baseline.last.length),
            (records / (baseline.ms / 1000)).toFixed(0),
          ],
          [
            'index',
            index.ms.toFixed(0),
            (index.ms / baseline.ms).toFixed(2),
            '-',
            (records / (index.ms / 1000)).toFixed(0),
          ],
          [
            'ZIP',
            zip.ms.toFixed(0),
            (zip.ms / baseline.ms).toFixed(2),
            mb(zip.last.length),
            (records / (zip.ms / 1000)).toFixed(0),
          ],
          [
            'PDF',
            pdf.ms.toFixed(0),
            (pdf.ms / baseline.ms).toFixed(2),
            mb(pdf.last.length),
            (records / (pdf.ms / 1000)).toFixed(0),
          ],
          [
            'verify ZIP',
            verified.ms.toFixed(0),
            (verified.ms / baseline.ms).toFixed(2),
            '-',
            (records / (verified.ms / 1000)).toFixed(0),
          ],
        ],
      ),
    );
  } finally {
    await ds?.destroy();
    await env.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
