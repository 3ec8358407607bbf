import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { RaiseNonconformity } from '@ambidex/nonconformity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { clauseTitle, FindingKind, raisesNonconformity } from './domain/audit-rules';
import { AuditStateError, InvalidAuditError, NotTheAuditorError } from './domain/audit.errors';
import { AuditRecord, itemsOfAudit, loadAudit } from './audit-rows';

export interface FindingInput {
  clause: string;
  finding: FindingKind;
  note: string;
  evidenceLinks: string[];
  /** How likely it recurs (1 to 5), for the nonconformity a minor or major finding raises. */
  probability: number;
}

/** The auditor starts the audit (its checklist: one item per clause) and records one finding per item. */
@Injectable()
export class AuditConduct {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly nonconformities: RaiseNonconformity,
  ) {}

  async start(principal: Principal, id: string): Promise<void> {
    await this.tx.run(async (em) => {
      const audit = await loadAudit(em, id, true);
      assertAuditor(principal, audit);
      if (audit.status !== 'planned') throw new AuditStateError(`The audit is ${audit.status}: it was started already`);
      await em.query(`UPDATE internal_audits SET status = 'in_progress', started_at = now() WHERE id = $1`, [id]);
      for (const [position, clause] of audit.clauses.entries())
        await em.query(`INSERT INTO internal_audit_items (audit_id, clause, position) VALUES ($1, $2, $3)`, [
          id,
          clause,
          position,
        ]);
      await this.inbox.complete(em, id, ['audit_assigned', 'audit_due_soon', 'audit_overdue']);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'internal-audit.started',
        entityType: 'internal_audit',
        entityId: id,
        chainKey: `internal_audit:${id}`,
        after: { checklist: audit.clauses },
      });
    });
  }

  /**
   * A minor or major finding raises a nonconformity (source internal_audit) through nonconformity's public use case,
   * before the finding is written: the finding then carries its id, and the NC's description names the audit.
   */
  async recordFinding(principal: Principal, id: string, input: FindingInput): Promise<void> {
    const audit = await loadAudit(this.dataSource.manager, id);
    assertAuditor(principal, audit);
    const item = (await itemsOfAudit(this.dataSource.manager, id)).find((i) => i.clause === input.clause);
    assertOpenItem(audit, item, input.clause);
    const nonconformityId = raisesNonconformity(input.finding)
      ? await this.nonconformities.raise(principal, {
          subject: audit.subjectType === null ? null : { type: audit.subjectType, id: audit.subjectId ?? '' },
          source: 'internal_audit',
          severity: input.finding,
          probability: input.probability,
          description: `Internal audit ${audit.number}, ${clauseTitle(input.clause)}: ${input.note}`,
          evidenceLinks: input.evidenceLinks,
        })
      : null;
    await this.tx.run(async (em) => {
      const locked = await loadAudit(em, id, true);
      if (locked.status !== 'in_progress') throw new AuditStateError(`The audit is ${locked.status}`);
      const { count } = await queryChanges(
        em,
        `UPDATE internal_audit_items SET finding = $3, note = $4, evidence_links = $5, nonconformity_id = $6, recorded_at = now()
          WHERE audit_id = $1 AND clause = $2 AND finding IS NULL`,
        [id, input.clause, input.finding, input.note, input.evidenceLinks, nonconformityId],
      );
      if (count !== 1) throw new AuditStateError('A finding was recorded for this clause meanwhile');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'internal-audit.finding-recorded',
        entityType: 'internal_audit',
        entityId: id,
        chainKey: `internal_audit:${id}`,
        after: { ...input, nonconformityId },
      });
    });
  }
}

export function assertAuditor(principal: Principal, audit: AuditRecord): void {
  if (audit.auditorId !== principal.userId) throw new NotTheAuditorError();
}

function assertOpenItem(audit: AuditRecord, item: { finding: string | null } | undefined, clause: string): void {
  if (audit.status !== 'in_progress')
    throw new AuditStateError(
      audit.status === 'planned' ? 'Start the audit before recording findings' : `The audit is ${audit.status}`,
    );
  if (item === undefined) throw new InvalidAuditError([{ field: 'clause', reason: `${clause} is not in this audit` }]);
  if (item.finding !== null) throw new AuditStateError(`A finding is recorded for ${clause} already`);
}
