import { CONFIDENCES, Confidence, EvidenceLink, LEARNING_DECISIONS, LearningDecision } from './learning';

/** One line of a bulk upload from an experiment tool: a result for an experiment, or a learning card. */
export type IngestEntry =
  | {
      type: 'result';
      idempotencyKey: string;
      experimentId: string;
      value: number;
      sampleSize: number;
      cost: number | null;
      observedAt: string | null;
      note: string | null;
    }
  | {
      type: 'learning';
      idempotencyKey: string;
      initiativeId: string;
      experimentId: string | null;
      observed: string;
      belief: string;
      decision: LearningDecision;
      confidence: Confidence;
      evidence: EvidenceLink[];
      supersedes: string | null;
    };

export interface EntryProblem {
  index: number;
  field: string;
  reason: string;
}

export type EntryCheck = { ok: true; entry: IngestEntry } | { ok: false; problems: EntryProblem[] };

/** Marks an NDJSON line that did not parse, so it is reported at its index like any other bad entry. */
export const UNPARSEABLE = '$unparseable';
/** Marks the fields of an entry that held NUL characters (removed before storing, since jsonb cannot hold them). */
export const NUL_FIELDS = '$nulFields';

/** What the columns hold: integer, and numeric(14,2). */
export const MAX_INT = 2_147_483_647;
export const MAX_MONEY = 999_999_999_999.99;

/** A real calendar date-time: 2026-02-30 parses in JavaScript but not in PostgreSQL. */
export function isIsoDateTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match === null || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/i;
const KEY = /^[\x21-\x7e]{1,200}$/;

/** Checks one raw entry completely, naming every bad field; unknown fields are refused too. */
export function checkEntry(raw: unknown, index: number): EntryCheck {
  const problems: EntryProblem[] = [];
  const fail = (field: string, reason: string): void => void problems.push({ index, field, reason });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, problems: [{ index, field: '', reason: 'must be a JSON object' }] };
  const r = raw as Record<string, unknown>;
  if (typeof r[UNPARSEABLE] === 'string')
    return { ok: false, problems: [{ index, field: '', reason: `not valid JSON: ${r[UNPARSEABLE]}` }] };
  const nulFields = Array.isArray(r[NUL_FIELDS]) ? (r[NUL_FIELDS] as unknown[]).map(String) : [];
  const str = (field: string, max: number, optional = false): string | null => {
    const v = r[field];
    if (v === undefined || v === null) {
      if (!optional && !nulFields.includes(field)) fail(field, 'is required');
      return null;
    }
    if (typeof v !== 'string' || v.trim() === '') fail(field, 'must be a non-empty string');
    else if (v.length > max) fail(field, `must be at most ${max} characters`);
    else if (v.includes('\u0000')) fail(field, 'must not contain NUL characters');
    else return v;
    return null;
  };
  const uuid = (field: string, optional = false): string | null => {
    const v = r[field];
    if ((v === undefined || v === null) && optional) return null;
    if (typeof v !== 'string' || !UUID.test(v)) {
      fail(field, 'must be a UUID');
      return null;
    }
    return v.toLowerCase();
  };
  const num = (field: string, min: number, max: number, integer: boolean, optional = false): number | null => {
    const v = r[field];
    if ((v === undefined || v === null) && optional) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      fail(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
      return null;
    }
    return v;
  };
  const key = r.idempotencyKey;
  if (typeof key !== 'string' || !KEY.test(key))
    fail('idempotencyKey', 'must be 1–200 printable characters without spaces');
  const allowed = r.type === 'result' ? RESULT_FIELDS : r.type === 'learning' ? LEARNING_FIELDS : null;
  if (allowed === null) {
    fail('type', "must be 'result' or 'learning'");
    return { ok: false, problems };
  }
  for (const field of nulFields) fail(field, 'must not contain NUL characters');
  for (const field of Object.keys(r))
    if (!allowed.includes(field) && field !== NUL_FIELDS) fail(field, 'is not a known field');

  if (r.type === 'result') {
    const experimentId = uuid('experimentId');
    const value =
      typeof r.value === 'number' && Number.isFinite(r.value)
        ? r.value
        : (fail('value', 'must be a finite number'), null);
    const sampleSize = num('sampleSize', 0, MAX_INT, true);
    const cost = num('cost', 0, MAX_MONEY, false, true);
    const observedAt = str('observedAt', 40, true);
    if (observedAt !== null && !isIsoDateTime(observedAt))
      fail('observedAt', 'must be an ISO 8601 date-time that exists');
    const note = str('note', 4000, true);
    if (problems.length > 0 || experimentId === null || value === null || sampleSize === null)
      return { ok: false, problems };
    return {
      ok: true,
      entry: { type: 'result', idempotencyKey: key as string, experimentId, value, sampleSize, cost, observedAt, note },
    };
  }

  const initiativeId = uuid('initiativeId');
  const experimentId = uuid('experimentId', true);
  const observed = str('observed', 8000);
  const belief = str('belief', 8000);
  const decision = (LEARNING_DECISIONS as readonly unknown[]).includes(r.decision)
    ? (r.decision as LearningDecision)
    : (fail('decision', `must be one of ${LEARNING_DECISIONS.join(', ')}`), null);
  const confidence = (CONFIDENCES as readonly unknown[]).includes(r.confidence)
    ? (r.confidence as Confidence)
    : (fail('confidence', `must be one of ${CONFIDENCES.join(', ')}`), null);
  const evidence = checkEvidence(r.evidence, fail);
  const supersedes = uuid('supersedes', true);
  if (
    problems.length > 0 ||
    initiativeId === null ||
    observed === null ||
    belief === null ||
    decision === null ||
    confidence === null
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    entry: {
      type: 'learning',
      idempotencyKey: key as string,
      initiativeId,
      experimentId,
      observed,
      belief,
      decision,
      confidence,
      evidence,
      supersedes,
    },
  };
}

const RESULT_FIELDS = ['type', 'idempotencyKey', 'experimentId', 'value', 'sampleSize', 'cost', 'observedAt', 'note'];
const LEARNING_FIELDS = [
  'type',
  'idempotencyKey',
  'initiativeId',
  'experimentId',
  'observed',
  'belief',
  'decision',
  'confidence',
  'evidence',
  'supersedes',
];

/** Evidence links: at most 20, each a URL (http or https) or a file named with its SHA-256. */
export function checkEvidence(value: unknown, fail: (field: string, reason: string) => void): EvidenceLink[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 20) {
    fail('evidence', 'must be a list of at most 20 links');
    return [];
  }
  const links: EvidenceLink[] = [];
  value.forEach((link: unknown, i) => {
    const l = (typeof link === 'object' && link !== null ? link : {}) as Record<string, unknown>;
    if (l.kind === 'url' && typeof l.url === 'string' && /^https?:\/\/\S{1,2000}$/.test(l.url)) {
      links.push({ kind: 'url', url: l.url, ...(typeof l.title === 'string' ? { title: l.title.slice(0, 200) } : {}) });
    } else if (
      l.kind === 'file' &&
      typeof l.name === 'string' &&
      l.name.length > 0 &&
      l.name.length <= 300 &&
      typeof l.sha256 === 'string' &&
      SHA256.test(l.sha256)
    ) {
      links.push({ kind: 'file', name: l.name, sha256: l.sha256.toLowerCase() });
    } else {
      fail(
        `evidence[${i}]`,
        "must be {kind:'url', url} with an http(s) URL or {kind:'file', name, sha256} with a 64-hex SHA-256",
      );
    }
  });
  return links;
}
