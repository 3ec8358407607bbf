import { initiativeSummary } from '@ambidex/portfolio';
import { DocumentNotFoundError, DocumentQueries } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditSubjectType } from './domain/audit-rules';

/** Who owns the record an audit names (null when there is no such record), asked of the owning context. */
@Injectable()
export class AuditedRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentQueries,
  ) {}

  async ownerOf(type: AuditSubjectType, id: string): Promise<string | null> {
    switch (type) {
      case 'initiative':
        return (await initiativeSummary(this.dataSource.manager, id))?.ownerId ?? null;
      case 'controlled_document':
        try {
          return (await this.documents.get(id)).ownerId;
        } catch (error) {
          if (error instanceof DocumentNotFoundError) return null;
          throw error;
        }
    }
  }
}
