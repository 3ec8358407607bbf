import { Actor, AuditTrail, queryRows, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentType } from './domain/document-types';
import { ReviewIntervalNotFoundError } from './domain/qms.errors';

export interface ReviewIntervalView {
  documentType: DocumentType;
  intervalMonths: number;
}

const COLUMNS = `document_type AS "documentType", interval_months AS "intervalMonths"`;

/**
 * How often each document type is reviewed (ISO 9001 7.5.2), set by admins and quality heads. A change applies from
 * the next effective revision or recorded review: due dates already set stay as they were announced.
 */
@Injectable()
export class ReviewIntervals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  list(): Promise<ReviewIntervalView[]> {
    return queryRows<ReviewIntervalView>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM document_review_intervals ORDER BY document_type`,
    );
  }

  async update(actor: Actor, documentType: DocumentType, intervalMonths: number): Promise<ReviewIntervalView> {
    return this.tx.run(async (em) => {
      const [before] = await queryRows<ReviewIntervalView>(
        em,
        `SELECT ${COLUMNS} FROM document_review_intervals WHERE document_type = $1 FOR UPDATE`,
        [documentType],
      );
      if (before === undefined) throw new ReviewIntervalNotFoundError(documentType);
      await em.query(`UPDATE document_review_intervals SET interval_months = $2 WHERE document_type = $1`, [
        documentType,
        intervalMonths,
      ]);
      const after = { documentType, intervalMonths };
      await this.audit.append(em, {
        actor,
        action: 'qms.review-interval.updated',
        entityType: 'document_review_interval',
        entityId: documentType,
        before,
        after,
      });
      return after;
    });
  }
}
