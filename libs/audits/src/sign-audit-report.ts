import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { ElectronicSignatures } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { AuditStateError } from './domain/audit.errors';
import { assertAuditor } from './audit-conduct';
import { auditReportSubject } from './audit-report';
import { itemsOfAudit, loadAudit } from './audit-rows';

/** The auditor completes the audit with a summary and signs the report (re-authenticated); the database freezes it. */
@Injectable()
export class SignAuditReport {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly signatures: ElectronicSignatures,
  ) {}

  async sign(principal: Principal, id: string, report: { summary: string; password: string }): Promise<void> {
    // argon2 before the transaction: it is slow and must not hold a connection.
    const signer = await this.signatures.authenticate({ userId: principal.userId, password: report.password });
    await this.tx.run(async (em) => {
      const audit = await loadAudit(em, id, true);
      assertAuditor(principal, audit);
      if (audit.status !== 'in_progress')
        throw new AuditStateError(
          audit.status === 'planned' ? 'The audit has not started' : 'The audit report is signed already',
        );
      const items = await itemsOfAudit(em, id);
      const open = items.filter((i) => i.finding === null).map((i) => i.clause);
      if (open.length > 0) throw new AuditStateError(`No finding yet for ${open.join(', ')}`);
      const signatureId = await this.signatures.sign(
        em,
        signer,
        auditReportSubject(audit, items, report.summary),
        'authored',
      );
      // The status in the WHERE: of two signs at once, the second finds it signed (409).
      const { count } = await queryChanges(
        em,
        `UPDATE internal_audits SET status = 'signed', summary = $2, signature_id = $3, signed_at = now()
          WHERE id = $1 AND status = 'in_progress'`,
        [id, report.summary, signatureId],
      );
      if (count !== 1) throw new AuditStateError('The audit report was signed meanwhile');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'internal-audit.signed',
        entityType: 'internal_audit',
        entityId: id,
        chainKey: `internal_audit:${id}`,
        after: { summary: report.summary, signatureId },
      });
    });
  }
}
