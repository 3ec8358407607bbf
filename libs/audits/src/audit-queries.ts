import { UserNames } from '@ambidex/identity';
import { NonconformityQueries } from '@ambidex/nonconformity';
import { ElectronicSignatures, SignatureView } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStatus, clauseTitle } from './domain/audit-rules';
import { auditReportSubject } from './audit-report';
import { AuditItemRecord, AuditRecord, itemsOfAudit, listAudits, loadAudit, opportunitiesOfAudit } from './audit-rows';

export interface AuditSummaryView extends AuditRecord {
  auditorName: string;
  plannedByName: string;
}

export interface AuditItemView extends AuditItemRecord {
  clauseTitle: string;
  /** The number of the nonconformity the finding raised (NC-0001), for the link. */
  nonconformityNumber: string | null;
  /** The initiative an observation raised (ISO 56001 8.3.2), if any. */
  opportunityInitiativeId: string | null;
}

export interface AuditView extends AuditSummaryView {
  items: AuditItemView[];
  signatures: SignatureView[];
}

const LIMIT = 500;

@Injectable()
export class AuditQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserNames,
    private readonly nonconformities: NonconformityQueries,
    private readonly signatures: ElectronicSignatures,
  ) {}

  /** The audit programme, by date. */
  async list(status: AuditStatus | null): Promise<AuditSummaryView[]> {
    const audits = await listAudits(this.dataSource.manager, status, LIMIT);
    const names = await this.users.names(audits.flatMap((a) => [a.auditorId, a.plannedBy]));
    return audits.map((a) => named(a, names));
  }

  async get(id: string): Promise<AuditView> {
    const audit = await loadAudit(this.dataSource.manager, id);
    const items = await itemsOfAudit(this.dataSource.manager, id);
    const opportunities = await opportunitiesOfAudit(this.dataSource.manager, id);
    const names = await this.users.names([audit.auditorId, audit.plannedBy]);
    const numbers = new Map<string, string>();
    for (const ncId of items.map((i) => i.nonconformityId).filter((x): x is string => x !== null))
      numbers.set(ncId, (await this.nonconformities.get(ncId)).number);
    const signatures =
      audit.summary === null ? [] : await this.signatures.of(auditReportSubject(audit, items, audit.summary));
    return {
      ...named(audit, names),
      items: items.map((i) => ({
        ...i,
        clauseTitle: clauseTitle(i.clause),
        nonconformityNumber: i.nonconformityId === null ? null : (numbers.get(i.nonconformityId) ?? null),
        opportunityInitiativeId: opportunities.get(i.id) ?? null,
      })),
      signatures,
    };
  }
}

function named(audit: AuditRecord, names: Map<string, string>): AuditSummaryView {
  return {
    ...audit,
    auditorName: names.get(audit.auditorId) ?? audit.auditorId,
    plannedByName: names.get(audit.plannedBy) ?? audit.plannedBy,
  };
}
