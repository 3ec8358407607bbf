import { activeUserIdsWithAnyRole, InboxService } from '@ambidex/identity';
import { queryChanges, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REMIND_DAYS_BEFORE } from './domain/audit-rules';
import { AuditRecord, auditsToRemind } from './audit-rows';

const BATCH = 200;

/**
 * A planned audit coming due reaches its auditor's inbox once; one past its date and still not started is escalated
 * to the quality heads once. The stamps make both once-only, even with two sweeps at once.
 */
@Injectable()
export class AuditSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly inbox: InboxService,
  ) {}

  async sweep(): Promise<{ reminded: number; escalated: number }> {
    let reminded = 0;
    let escalated = 0;
    for (const audit of await auditsToRemind(this.dataSource.manager, REMIND_DAYS_BEFORE, BATCH)) {
      if (audit.remindedAt === null) reminded += await this.notify(audit, 'remind');
      if (audit.escalatedAt === null && audit.plannedFor < today()) escalated += await this.notify(audit, 'escalate');
    }
    return { reminded, escalated };
  }

  private async notify(audit: AuditRecord, how: 'remind' | 'escalate'): Promise<number> {
    const column = how === 'remind' ? 'reminded_at' : 'escalated_at';
    return this.tx.run(async (em) => {
      const { count } = await queryChanges(
        em,
        `UPDATE internal_audits SET ${column} = now() WHERE id = $1 AND ${column} IS NULL AND status = 'planned'`,
        [audit.id],
      );
      if (count !== 1) return 0;
      const recipients = how === 'remind' ? [audit.auditorId] : await activeUserIdsWithAnyRole(em, ['quality_head']);
      for (const userId of recipients) {
        await this.inbox.add(em, {
          userId,
          kind: how === 'remind' ? 'audit_due_soon' : 'audit_overdue',
          subjectType: 'internal_audit',
          subjectId: audit.id,
          title:
            how === 'remind'
              ? `${audit.number} is due on ${audit.plannedFor}: ${audit.scope.slice(0, 140)}`
              : `${audit.number} was due on ${audit.plannedFor} and has not started: ${audit.scope.slice(0, 120)}`,
          dedupeKey: `audit-${how}:${audit.id}:${userId}`,
          dueAt: new Date(`${audit.plannedFor}T00:00:00Z`),
        });
      }
      return 1;
    });
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
