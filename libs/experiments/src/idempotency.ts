import { canonicalJson } from '@ambidex/platform';
import { createHash } from 'node:crypto';

/**
 * Idempotency keys are scoped to the caller and the resource they write to: (recorder, initiative, key) for a
 * learning, (recorder, experiment, key) for a result. Keys are minted by each client on its own, so two callers'
 * keys must never meet; and the access check runs before the key is looked up, so a key can never be used to read
 * what the caller may not write.
 *
 * The fingerprint of the entry's content is stored with it: a replay with the same key and the same content gets
 * the stored resource back, the same key with different content is refused.
 */
export function contentFingerprint(content: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** A stored row without a fingerprint predates them: its content cannot be compared, so a replay is taken as identical. */
export function sameContent(storedFingerprint: string | null, fingerprint: string): boolean {
  return storedFingerprint === null || storedFingerprint === fingerprint;
}

export const KEY_REUSED_REASON = 'already used for a different entry';
