import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EvidenceIndex } from './domain/evidence-index';
import { evidenceRange } from './domain/evidence-range';
import { evidenceZip } from './evidence-archive';
import { collectEvidence } from './evidence-collector';
import { evidencePdf } from './evidence-pdf';

export type EvidenceFormat = 'pdf' | 'zip';

export interface EvidenceFile {
  exportId: string;
  format: EvidenceFormat;
  fileName: string;
  data: Buffer;
  sha256: string;
}

/**
 * An auditor, quality head or leadership member (the route decides) exports the period's evidence. The evidence is
 * read in one REPEATABLE READ snapshot and rendered outside any write transaction (a year renders for seconds and
 * must not hold locks); then one transaction records the export and its audit entry, with the file's SHA-256.
 */
@Injectable()
export class ExportEvidence {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  async export(principal: Principal, from: unknown, to: unknown, format: EvidenceFormat): Promise<EvidenceFile> {
    const range = evidenceRange(from, to);
    const index = await this.dataSource.transaction('REPEATABLE READ', (em) => collectEvidence(em, range, new Date()));
    const data = format === 'pdf' ? await evidencePdf(index) : await evidenceZip(index);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const exportId = await this.tx.run(async (em) => {
      const id = returnedId(
        await em.query(
          `INSERT INTO evidence_exports (exported_by, range_from, range_to, format, sha256, byte_size, record_count, missing_clauses)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            principal.userId,
            range.from,
            range.to,
            format,
            sha256,
            data.length,
            index.records.length,
            missingIds(index),
          ],
        ),
        'an evidence export',
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'evidence.exported',
        entityType: 'evidence_export',
        entityId: id,
        after: {
          from: range.from,
          to: range.to,
          format,
          sha256,
          records: index.records.length,
          missingClauses: missingIds(index),
        },
      });
      return id;
    });
    return { exportId, format, fileName: `evidence-${range.from}-to-${range.to}.${format}`, data, sha256 };
  }
}

const missingIds = (index: EvidenceIndex): string[] => index.missing.map((c) => c.id);
