import { Actor, AuditTrail, isUniqueViolation, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentType, formatDocumentNumber } from './domain/document-types';
import { NumberingSchemeError } from './domain/qms.errors';

export interface NumberingSchemeView {
  documentType: DocumentType;
  prefix: string;
  padding: number;
  nextValue: number;
  /** The number the next document of this type will get. */
  nextNumber: string;
}

export interface NumberingSchemeChange {
  prefix?: string;
  padding?: number;
  nextValue?: number;
}

interface SchemeRow {
  documentType: DocumentType;
  prefix: string;
  padding: number;
  nextValue: number;
}

const COLUMNS = `document_type AS "documentType", prefix, padding, next_value AS "nextValue"`;

/**
 * How controlled documents are numbered, per type, changed by admins. A change never lets a number be issued twice:
 * the counter only grows; a prefix belongs to one type at a time (two counters under one prefix would meet); and
 * under a new prefix the counter starts above every number already issued with it (whatever its padding: SOP-7 and
 * SOP-0007 are the same document number to a reader).
 */
@Injectable()
export class NumberingSchemes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  async list(): Promise<NumberingSchemeView[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM numbering_schemes ORDER BY document_type`,
    )) as SchemeRow[];
    return rows.map(viewOf);
  }

  async update(actor: Actor, documentType: DocumentType, change: NumberingSchemeChange): Promise<NumberingSchemeView> {
    return this.tx
      .run((em) => this.updateIn(em, actor, documentType, change))
      .catch((error: unknown) => {
        // Another admin gave the prefix to another type at the same moment.
        if (isUniqueViolation(error, 'uq_numbering_schemes_prefix')) throw prefixInUse(change.prefix ?? '');
        throw error;
      });
  }

  private async updateIn(
    em: EntityManager,
    actor: Actor,
    documentType: DocumentType,
    change: NumberingSchemeChange,
  ): Promise<NumberingSchemeView> {
    // The row lock also holds off allocateNumber, so no number is issued under the old scheme meanwhile.
    const [current] = (await em.query(`SELECT ${COLUMNS} FROM numbering_schemes WHERE document_type = $1 FOR UPDATE`, [
      documentType,
    ])) as SchemeRow[];
    if (current === undefined)
      throw new NumberingSchemeError(
        'NUMBERING_SCHEME_NOT_FOUND',
        'not_found',
        `No numbering scheme for ${documentType}`,
      );
    const next: SchemeRow = {
      documentType,
      prefix: change.prefix ?? current.prefix,
      padding: change.padding ?? current.padding,
      nextValue: change.nextValue ?? current.nextValue,
    };
    if (next.nextValue < current.nextValue) {
      throw new NumberingSchemeError(
        'NUMBER_ALREADY_ISSUED',
        'conflict',
        `nextValue can only grow: numbers below ${current.nextValue} may have been issued`,
      );
    }
    const [owner] = (await em.query(
      `SELECT document_type FROM numbering_schemes WHERE prefix = $1 AND document_type <> $2`,
      [next.prefix, documentType],
    )) as PrefixOwnerRow[];
    if (owner !== undefined) throw prefixInUse(next.prefix, owner.document_type);
    const highest = await this.highestIssued(em, next.prefix);
    if (highest >= next.nextValue) {
      throw new NumberingSchemeError(
        'NUMBER_ALREADY_ISSUED',
        'conflict',
        `${formatDocumentNumber(next, highest)} is already issued: with prefix ${next.prefix}, nextValue must be at least ${highest + 1}`,
      );
    }
    await em.query(`UPDATE numbering_schemes SET prefix = $2, padding = $3, next_value = $4 WHERE document_type = $1`, [
      documentType,
      next.prefix,
      next.padding,
      next.nextValue,
    ]);
    await this.audit.append(em, {
      actor,
      action: 'qms.numbering-scheme.updated',
      entityType: 'numbering_scheme',
      entityId: documentType,
      before: current,
      after: next,
    });
    return viewOf(next);
  }

  /** The highest sequence issued under a prefix, by any type, at any padding; 0 when none. */
  private async highestIssued(em: EntityManager, prefix: string): Promise<number> {
    const [row] = (await em.query(
      `SELECT coalesce(max(substring(number FROM length($1) + 2)::bigint), 0)::int AS highest
         FROM controlled_documents WHERE number LIKE $1 || '-%' AND substring(number FROM length($1) + 2) ~ '^[0-9]+$'`,
      [prefix],
    )) as HighestRow[];
    return row?.highest ?? 0;
  }
}

function prefixInUse(prefix: string, documentType = 'other'): NumberingSchemeError {
  return new NumberingSchemeError(
    'PREFIX_IN_USE',
    'conflict',
    `The prefix ${prefix} numbers ${documentType} documents`,
  );
}

function viewOf(row: SchemeRow): NumberingSchemeView {
  return { ...row, nextNumber: formatDocumentNumber(row, row.nextValue) };
}

interface PrefixOwnerRow {
  document_type: string;
}

interface HighestRow {
  highest: number;
}
