import { isUniqueViolation, returnedId } from '@ambidex/platform';
import { InvalidCredentialsError, ReauthenticationService } from '@ambidex/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  contentHash,
  manifestation,
  SignatureMeaning,
  signatureStatus,
  SignedSubject,
} from './domain/electronic-signature';
import { AlreadySignedError, SigningPasswordError } from './domain/qms.errors';

export interface SignatureView {
  id: string;
  signerId: string;
  printedName: string;
  meaning: SignatureMeaning;
  signedAt: Date;
  contentHash: string;
  status: 'valid' | 'void';
  manifestation: string;
}

export interface Signer {
  userId: string;
  password: string;
}

/**
 * Electronic signatures (21 CFR Part 11): the signer authenticates again at the moment of signing, and the
 * signature records name, time, meaning and the SHA-256 of exactly what was signed (record identity included).
 */
@Injectable()
export class ElectronicSignatures {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reauth: ReauthenticationService,
  ) {}

  /** Call before the use case's transaction: argon2 is slow and must not hold a connection. */
  async authenticate(signer: Signer): Promise<{ userId: string; printedName: string }> {
    try {
      const user = await this.reauth.confirm(signer.userId, signer.password);
      return { userId: user.id, printedName: user.displayName };
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw new SigningPasswordError();
      throw error;
    }
  }

  async sign(
    em: EntityManager,
    signer: { userId: string; printedName: string },
    subject: SignedSubject,
    meaning: SignatureMeaning,
  ): Promise<string> {
    try {
      return returnedId(
        await em.query(
          `INSERT INTO electronic_signatures (record_type, record_id, signer_id, printed_name, meaning, content_hash)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [subject.recordType, subject.recordId, signer.userId, signer.printedName, meaning, contentHash(subject)],
        ),
        'an electronic signature',
      );
    } catch (error) {
      if (isUniqueViolation(error, 'uq_electronic_signatures_once')) throw new AlreadySignedError();
      throw error;
    }
  }

  /** Every signature of a record, judged against the record's current content: a changed record voids them. */
  async of(subject: SignedSubject, em: EntityManager = this.dataSource.manager): Promise<SignatureView[]> {
    const rows = (await em.query(
      `SELECT id, signer_id, printed_name, meaning, signed_at, content_hash FROM electronic_signatures
        WHERE record_type = $1 AND record_id = $2 ORDER BY signed_at`,
      [subject.recordType, subject.recordId],
    )) as SignatureRow[];
    return rows.map((r) => toSignatureView(r, subject));
  }
}

interface SignatureRow {
  id: string;
  signer_id: string;
  printed_name: string;
  meaning: SignatureMeaning;
  signed_at: Date;
  content_hash: string;
}

/** A stored signature, judged against the record's current content. */
function toSignatureView(row: SignatureRow, subject: SignedSubject): SignatureView {
  return {
    id: row.id,
    signerId: row.signer_id,
    printedName: row.printed_name,
    meaning: row.meaning,
    signedAt: row.signed_at,
    contentHash: row.content_hash,
    status: signatureStatus(
      { recordType: subject.recordType, recordId: subject.recordId, contentHash: row.content_hash },
      subject,
    ),
    manifestation: manifestation(row.printed_name, row.signed_at, row.meaning),
  };
}
