import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, NotFoundError, Outbox, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { portfolioOfInitiative } from '@ambidex/portfolio';
import { PackageDocuments } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotActionOwnerError } from './domain/handover.errors';
import { HANDOVER_CONTROLLED_EVENT } from './handover-events';

/**
 * After acceptance: conditions tracked as actions (overdue ones escalated), and the moment the handover is
 * controlled (every document effective, every training acknowledged) — the end of time-to-controlled.
 */
@Injectable()
export class HandoverProgress {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly inbox: InboxService,
    private readonly documents: PackageDocuments,
  ) {}

  /** Answers the action's package id, so the caller can read the package back after the commit. */
  async completeAction(principal: Principal, actionId: string, note: string): Promise<string> {
    return this.tx.run(async (em) => {
      const [action] = (await em.query(
        `SELECT a.id, a.owner_id, a.package_id, p.initiative_id FROM handover_actions a JOIN handover_packages p ON p.id = a.package_id WHERE a.id = $1 FOR UPDATE OF a`,
        [actionId],
      )) as ActionOwnerRow[];
      if (action === undefined) throw new NotFoundError('HANDOVER.ACTION_NOT_FOUND', `Action ${actionId}`);
      if (action.owner_id !== principal.userId && !principal.roles.includes('quality_head'))
        throw new NotActionOwnerError();
      const [, changed] = (await em.query(
        `UPDATE handover_actions SET done_at = now(), done_note = $2 WHERE id = $1 AND done_at IS NULL`,
        [actionId, note],
      )) as [unknown, number];
      if (changed !== 1) return action.package_id;
      await this.inbox.complete(em, actionId, ['handover_action', 'handover_action_overdue']);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'handover.action.done',
        entityType: 'initiative',
        entityId: action.initiative_id,
        after: { actionId, packageId: action.package_id, note },
      });
      return action.package_id;
    });
  }

  /** Overdue actions, escalated once each to their owner and the quality head who accepted. */
  async escalateOverdue(): Promise<number> {
    return this.tx.run(async (em) => {
      const [rows] = (await em.query(
        `UPDATE handover_actions a SET escalated_at = now() FROM handover_packages p
          WHERE p.id = a.package_id AND a.done_at IS NULL AND a.escalated_at IS NULL AND a.due_at <= now()
          RETURNING a.id, a.text, a.owner_id, a.due_at, p.decided_by, p.initiative_id`,
      )) as [OverdueActionRow[], number];
      for (const action of rows) {
        for (const userId of new Set([action.owner_id, ...(action.decided_by === null ? [] : [action.decided_by])])) {
          await this.inbox.add(em, {
            userId,
            kind: 'handover_action_overdue',
            subjectType: 'handover_action',
            subjectId: action.id,
            title: `Overdue handover condition: ${action.text}`,
            dedupeKey: `action-overdue:${action.id}:${userId}`,
            dueAt: action.due_at,
          });
        }
        await this.audit.append(em, {
          actor: SYSTEM_ACTOR,
          action: 'handover.action.escalated',
          entityType: 'initiative',
          entityId: action.initiative_id,
          after: { actionId: action.id },
        });
      }
      return rows.length;
    });
  }

  /** Marks the package controlled once all its documents are effective and all their training is acknowledged. */
  async checkControlled(packageId: string): Promise<boolean> {
    return this.tx.run(async (em) => {
      const [row] = (await em.query(
        `SELECT p.id, p.initiative_id FROM handover_packages p
          WHERE p.id = $1 AND p.controlled_at IS NULL AND p.status IN ('accepted', 'accepted_with_conditions') FOR UPDATE`,
        [packageId],
      )) as ControllablePackageRow[];
      if (row === undefined) return false;
      const state = await this.documents.controlStateOf(packageId, em);
      if (state.documents === 0 || state.documents !== state.effective || state.untrained > 0) return false;
      await em.query(`UPDATE handover_packages SET controlled_at = now() WHERE id = $1`, [packageId]);
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'handover.package.controlled',
        entityType: 'initiative',
        entityId: row.initiative_id,
        after: { packageId },
      });
      // The dashboards' time-to-controlled ends here: they learn it from this event, committed with the change.
      await this.outbox.record(em, {
        type: HANDOVER_CONTROLLED_EVENT,
        aggregateType: 'handover_package',
        aggregateId: packageId,
        payload: {
          packageId,
          initiativeId: row.initiative_id,
          portfolioId: await portfolioOfInitiative(em, row.initiative_id),
        },
      });
      return true;
    });
  }

  async openPackagesAwaitingControl(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM handover_packages WHERE controlled_at IS NULL AND status IN ('accepted', 'accepted_with_conditions') LIMIT 200`,
    )) as ControllablePackageRow[];
    return rows.map((r) => r.id);
  }
}

interface ActionOwnerRow {
  id: string;
  owner_id: string;
  package_id: string;
  initiative_id: string;
}

interface OverdueActionRow {
  id: string;
  text: string;
  owner_id: string;
  due_at: Date;
  decided_by: string | null;
  initiative_id: string;
}

interface ControllablePackageRow {
  id: string;
  initiative_id: string;
}
