import { activeUserIdsWithAnyRole, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryRows, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { AuditClauseId, auditNumber, AuditSubjectType } from './domain/audit-rules';
import { InvalidAuditError } from './domain/audit.errors';
import { AuditedRecords } from './audited-records';

export interface PlanAuditInput {
  plannedFor: string;
  scope: string;
  subject: { type: AuditSubjectType; id: string } | null;
  clauses: AuditClauseId[];
  auditorId: string;
}

/**
 * A quality head plans an audit; the auditor must hold the auditor role, must not be the planner, and must not own
 * the record audited (ISO 9001 9.2.2 c: auditors do not audit their own work).
 */
@Injectable()
export class PlanAudit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly records: AuditedRecords,
  ) {}

  async plan(principal: Principal, input: PlanAuditInput): Promise<string> {
    if (input.auditorId === principal.userId)
      throw new InvalidAuditError([{ field: 'auditorId', reason: 'the auditor must not be the planner' }]);
    if (input.subject !== null) {
      const owner = await this.records.ownerOf(input.subject.type, input.subject.id);
      if (owner === null)
        throw new InvalidAuditError([
          { field: 'subject.id', reason: `no ${input.subject.type.replace(/_/g, ' ')} has this id` },
        ]);
      if (owner === input.auditorId)
        throw new InvalidAuditError([{ field: 'auditorId', reason: 'the auditor owns the record audited' }]);
    }
    const clauses = [...new Set(input.clauses)];
    return this.tx.run(async (em) => {
      if (!(await activeUserIdsWithAnyRole(em, ['auditor'])).includes(input.auditorId))
        throw new InvalidAuditError([
          { field: 'auditorId', reason: 'no active user with the auditor role has this id' },
        ]);
      const [next] = await queryRows<{ n: number }>(em, `SELECT nextval('internal_audit_numbers')::int AS n`);
      const number = auditNumber(next?.n ?? 0);
      const id = returnedId(
        await em.query(
          `INSERT INTO internal_audits (number, planned_for, scope, subject_type, subject_id, clauses, auditor_id, planned_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            number,
            input.plannedFor,
            input.scope,
            input.subject?.type ?? null,
            input.subject?.id ?? null,
            clauses,
            input.auditorId,
            principal.userId,
          ],
        ),
        'an internal audit',
      );
      await this.inbox.add(em, {
        userId: input.auditorId,
        kind: 'audit_assigned',
        subjectType: 'internal_audit',
        subjectId: id,
        title: `${number} on ${input.plannedFor}: ${input.scope.slice(0, 160)}`,
        dedupeKey: `audit-assigned:${id}`,
      });
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'internal-audit.planned',
        entityType: 'internal_audit',
        entityId: id,
        chainKey: `internal_audit:${id}`,
        after: { number, ...input, clauses },
      });
      return id;
    });
  }
}
