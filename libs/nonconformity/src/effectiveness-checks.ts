import { activeUserIdsWithAnyRole, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { ElectronicSignatures } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { NonconformityStateError } from './domain/nonconformity.errors';
import { actionsOfNonconformity, loadNonconformity } from './nonconformity-rows';
import { nonconformitySubject } from './nonconformity-subject';

export interface EffectivenessVerdict {
  effective: boolean;
  comment: string;
  password: string;
}

const DUE_KIND = 'nonconformity_effectiveness_due';

/**
 * The effectiveness check (ISO 9001 10.2.1 d): when due, it lands in the quality heads' inbox; a quality head judges
 * it. Effective closes the NC, signed (re-authenticated); ineffective sends it back to its actions.
 */
@Injectable()
export class EffectivenessChecks {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly signatures: ElectronicSignatures,
  ) {}

  /** The delayed job and the sweep both land here: the first one to find the check due notifies, once per round. */
  async notifyDue(nonconformityId: string, round: number): Promise<boolean> {
    return this.tx.run(async (em) => {
      const { rows } = await queryChanges<{ number: string }>(
        em,
        `UPDATE nonconformities SET effectiveness_notified_at = now()
          WHERE id = $1 AND effectiveness_round = $2 AND status = 'verifying'
            AND effectiveness_notified_at IS NULL AND effectiveness_due_at <= now()
          RETURNING number`,
        [nonconformityId, round],
      );
      const number = rows[0]?.number;
      if (number === undefined) return false;
      for (const userId of await activeUserIdsWithAnyRole(em, ['quality_head'])) {
        await this.inbox.add(em, {
          userId,
          kind: DUE_KIND,
          subjectType: 'nonconformity',
          subjectId: nonconformityId,
          title: `${number}: check whether the corrective action was effective`,
          dedupeKey: `nc-effectiveness:${nonconformityId}:${round}:${userId}`,
        });
      }
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'nonconformity.effectiveness-due',
        entityType: 'nonconformity',
        entityId: nonconformityId,
        chainKey: `nonconformity:${nonconformityId}`,
        after: { round },
      });
      return true;
    });
  }

  async record(principal: Principal, id: string, verdict: EffectivenessVerdict): Promise<void> {
    // argon2 before the transaction: it is slow and must not hold a connection.
    const signer = await this.signatures.authenticate({ userId: principal.userId, password: verdict.password });
    await this.tx.run(async (em) => {
      const nc = await loadNonconformity(em, id, true);
      if (nc.status !== 'verifying')
        throw new NonconformityStateError(
          `The nonconformity is ${nc.status}: effectiveness is checked once every action is done`,
        );
      if (nc.effectivenessDueAt !== null && nc.effectivenessDueAt.getTime() > Date.now())
        throw new NonconformityStateError(
          `The effectiveness check is due on ${nc.effectivenessDueAt.toISOString().slice(0, 10)}`,
        );
      let signatureId: string | null = null;
      if (verdict.effective) {
        const subject = nonconformitySubject(nc, await actionsOfNonconformity(em, id));
        signatureId = await this.signatures.sign(em, signer, subject, 'approved');
      }
      await em.query(
        `INSERT INTO nonconformity_effectiveness_checks (nonconformity_id, effective, comment, checked_by, signature_id)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, verdict.effective, verdict.comment, principal.userId, signatureId],
      );
      // The status in the WHERE: of two quality heads closing at once, the second finds it closed (409).
      const { count } = verdict.effective
        ? await queryChanges(
            em,
            `UPDATE nonconformities SET status = 'closed', closed_by = $2, closed_at = now() WHERE id = $1 AND status = 'verifying'`,
            [id, principal.userId],
          )
        : await queryChanges(
            em,
            `UPDATE nonconformities SET status = 'actions', effectiveness_due_at = NULL, effectiveness_notified_at = NULL
              WHERE id = $1 AND status = 'verifying'`,
            [id],
          );
      if (count !== 1) throw new NonconformityStateError('The effectiveness was judged meanwhile');
      await this.inbox.complete(em, id, verdict.effective ? [DUE_KIND, 'nonconformity_raised'] : [DUE_KIND]);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: verdict.effective ? 'nonconformity.closed-effective' : 'nonconformity.reopened-ineffective',
        entityType: 'nonconformity',
        entityId: id,
        chainKey: `nonconformity:${id}`,
        reason: verdict.comment,
        after: { effective: verdict.effective, signatureId },
      });
    });
  }
}
