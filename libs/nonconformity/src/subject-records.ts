import { loadPackage, PackageNotFoundError, processRecordExists } from '@ambidex/handover';
import { initiativeSummary } from '@ambidex/portfolio';
import { DocumentNotFoundError, DocumentQueries } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NcSubjectType } from './domain/nonconformity-rules';

/** Whether the record an NC is about exists, asked of the context that owns it through its public API. */
@Injectable()
export class SubjectRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentQueries,
  ) {}

  async exists(type: NcSubjectType, id: string): Promise<boolean> {
    const sql = this.dataSource.manager;
    switch (type) {
      case 'initiative':
        return (await initiativeSummary(sql, id)) !== null;
      case 'process_record':
        return processRecordExists(sql, id);
      case 'handover_package':
        return found(() => loadPackage(sql, id), PackageNotFoundError);
      case 'controlled_document':
        return found(() => this.documents.get(id), DocumentNotFoundError);
    }
  }
}

async function found(read: () => Promise<unknown>, notFound: new (...args: never[]) => Error): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (error instanceof notFound) return false;
    throw error;
  }
}
