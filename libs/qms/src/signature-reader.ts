import { queryRows } from '@ambidex/platform';
import { EntityManager } from 'typeorm';
import { SignatureMeaning } from './domain/electronic-signature';

/** A stored signature as other contexts read it: who, what it means, when, and the hash of what was signed. */
export interface StoredSignatureRecord {
  id: string;
  recordType: string;
  recordId: string;
  signerId: string;
  printedName: string;
  meaning: SignatureMeaning;
  signedAt: Date;
  contentHash: string;
}

interface SignatureRow {
  id: string;
  record_type: string;
  record_id: string;
  signer_id: string;
  printed_name: string;
  meaning: SignatureMeaning;
  signed_at: Date;
  content_hash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every signature of the named records, or with the named ids, in the caller's transaction (the evidence export).
 * Whether a signature still holds needs the record's current content, which only its context has: this reads the
 * stored facts only. Ids that are not uuids name nothing and are skipped.
 */
export async function signaturesOfRecords(
  em: EntityManager,
  query: { records?: readonly { recordType: string; recordId: string }[]; ids?: readonly string[] },
): Promise<StoredSignatureRecord[]> {
  const records = (query.records ?? []).filter((r) => UUID.test(r.recordId));
  const ids = (query.ids ?? []).filter((id) => UUID.test(id));
  if (records.length === 0 && ids.length === 0) return [];
  const rows = await queryRows<SignatureRow>(
    em,
    `SELECT id, record_type, record_id, signer_id, printed_name, meaning, signed_at, content_hash
       FROM electronic_signatures
      WHERE (record_type, record_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[])) OR id = ANY ($3::uuid[])
      ORDER BY signed_at, id`,
    [records.map((r) => r.recordType), records.map((r) => r.recordId), ids],
  );
  return rows.map((r) => ({
    id: r.id,
    recordType: r.record_type,
    recordId: r.record_id,
    signerId: r.signer_id,
    printedName: r.printed_name,
    meaning: r.meaning,
    signedAt: new Date(r.signed_at),
    contentHash: r.content_hash,
  }));
}
