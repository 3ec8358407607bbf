import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './audit-chain';

/** A chain's head as a checkpoint saw it: every entry up to `seq` is fixed by `hash` (the chain links them). */
export interface AnchoredHead {
  seq: number;
  hash: string;
}

/**
 * One signed line of the checkpoint file. It lists the heads that moved since the previous checkpoint (all of them
 * in the first), so the file grows with the history, not with the number of chains times the number of checkpoints.
 * `headsDigest` covers the full set of heads after this checkpoint, `prev` the previous line: a reader who replays
 * the file can tell a dropped, reordered or edited line.
 */
export interface AuditCheckpoint {
  v: 1;
  at: string;
  database: string;
  chains: number;
  entries: number;
  headsDigest: string;
  prev: string | null;
  changed: [chainKey: string, seq: number, hash: string][];
  keyId: string;
  signature: string;
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'signature' | 'keyId'>;

/** The first 16 hex digits of the SHA-256 of the public key: names the key a checkpoint was signed with. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Order-independent digest of the whole set of heads. */
export function digestHeads(heads: ReadonlyMap<string, AnchoredHead>): string {
  const hash = createHash('sha256');
  for (const key of [...heads.keys()].sort()) {
    const head = heads.get(key) as AnchoredHead;
    hash.update(`${key}\t${head.seq}\t${head.hash}\n`);
  }
  return hash.digest('hex');
}

export function signCheckpoint(body: UnsignedCheckpoint, privateKey: KeyObject): AuditCheckpoint {
  const withKey = { ...body, keyId: keyIdOf(privateKey) };
  const signature = sign(null, Buffer.from(canonicalJson(withKey)), privateKey).toString('base64');
  return { ...withKey, signature };
}

/** What `prev` of the next checkpoint must be. */
export function lineHash(checkpoint: AuditCheckpoint): string {
  return createHash('sha256').update(canonicalJson(checkpoint)).digest('hex');
}

export interface ReplayedCheckpoints {
  count: number;
  latest: AuditCheckpoint | null;
  heads: Map<string, AnchoredHead>;
  problems: string[];
}

/** Reads the file's lines in order: checks each signature, link and digest, and rebuilds the anchored heads. */
export function replayCheckpoints(
  lines: readonly string[],
  publicKey: KeyObject | null,
  database: string,
): ReplayedCheckpoints {
  const heads = new Map<string, AnchoredHead>();
  const problems: string[] = [];
  let latest: AuditCheckpoint | null = null;
  let count = 0;
  lines.forEach((line, index) => {
    const where = `checkpoint line ${index + 1}`;
    let checkpoint: AuditCheckpoint;
    try {
      checkpoint = JSON.parse(line) as AuditCheckpoint;
    } catch {
      problems.push(`${where} is not JSON`);
      return;
    }
    count += 1;
    const { signature, ...signed } = checkpoint;
    if (publicKey === null) {
      problems.push(`${where}: no key to check its signature (AUDIT_SIGNING_KEY_FILE)`);
    } else if (!safeVerify(canonicalJson(signed), signature, publicKey)) {
      problems.push(`${where}: the signature does not check with key ${keyIdOf(publicKey)}`);
    }
    if (checkpoint.prev !== (latest === null ? null : lineHash(latest)))
      problems.push(`${where} does not follow the line before it`);
    if (checkpoint.database !== database)
      problems.push(`${where} was taken on database "${checkpoint.database}", not "${database}"`);
    for (const [chainKey, seq, hash] of checkpoint.changed ?? []) {
      const before = heads.get(chainKey);
      if (before !== undefined && before.seq > seq)
        problems.push(`${where} moves chain ${chainKey} back from ${before.seq} to ${seq}`);
      heads.set(chainKey, { seq, hash });
    }
    if (digestHeads(heads) !== checkpoint.headsDigest) problems.push(`${where}: the heads do not add up to its digest`);
    latest = checkpoint;
  });
  return { count, latest, heads, problems };
}

function safeVerify(data: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(data), publicKey, Buffer.from(signature ?? '', 'base64'));
  } catch {
    return false;
  }
}
