import { activeUserIds, activeUserIdsWithAnyRole, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, Outbox, returnedId, TransactionRunner } from '@ambidex/platform';
import { portfolioOfInitiative, StageTransitions } from '@ambidex/portfolio';
import { DocumentControl, ElectronicSignatures, PackageDocuments, PackageDrafts } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import {
  ChecklistOpenError,
  InvalidHandoverDecisionError,
  NotPackageOwnerError,
  PackageStateError,
  SamePersonError,
} from './domain/handover.errors';
import { HANDOVER_ACCEPTED_EVENT } from './handover-events';
import { loadPackage, packageSubject } from './package-subject';

export type HandoverVerdict = 'accept' | 'accept_with_conditions' | 'reject';

export interface HandoverDecisionInput {
  password: string;
  verdict: HandoverVerdict;
  reason?: string;
  conditions?: { text: string; ownerId: string; dueAt: Date }[];
  /** Quality heads who review and approve the controlled documents; the deciding quality head when empty. */
  approverIds?: string[];
  approvalDueAt?: Date;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The handover as a two-party signed transaction: the innovation lead submits and signs (authored), the quality
 * head accepts (signed: accepted), accepts on conditions (tracked actions) or rejects (signed: rejected; back to
 * develop, and the package's drafts are withdrawn). The owner is told of the verdict in their inbox.
 */
@Injectable()
export class PackageAcceptance {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly inbox: InboxService,
    private readonly signatures: ElectronicSignatures,
    private readonly documents: DocumentControl,
    private readonly stages: StageTransitions,
    private readonly drafts: PackageDrafts,
    private readonly packageDocuments: PackageDocuments,
  ) {}

  async submit(principal: Principal, packageId: string, password: string): Promise<void> {
    const signer = await this.signatures.authenticate({ userId: principal.userId, password });
    await this.tx.run(async (em) => {
      const pkg = await loadPackage(em, packageId, true);
      if (pkg.ownerId !== principal.userId) throw new NotPackageOwnerError();
      if (pkg.status !== 'draft')
        throw new PackageStateError(`The package is ${pkg.status}; only a draft is submitted`);
      await this.signatures.sign(em, signer, await packageSubject(em, pkg), 'authored');
      await em.query(
        `UPDATE handover_packages SET status = 'submitted', submitted_by = $2, submitted_at = now(), version = version + 1 WHERE id = $1 AND status = 'draft'`,
        [packageId, principal.userId],
      );
      await this.inbox.complete(em, packageId, ['handover_package_assembled']);
      for (const id of await activeUserIdsWithAnyRole(em, ['quality_head'])) {
        await this.inbox.add(em, {
          userId: id,
          kind: 'handover_to_accept',
          subjectType: 'handover_package',
          subjectId: packageId,
          title: `Handover package “${String(pkg.productDefinition.title)}” waits for acceptance`,
          dedupeKey: `accept:${packageId}:${id}`,
        });
      }
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'handover.package.submitted',
        entityType: 'initiative',
        entityId: pkg.initiativeId,
        after: { packageId, checklistOpen: pkg.checklist.filter((i) => !i.done).map((i) => i.key) },
      });
    });
  }

  async decide(principal: Principal, packageId: string, input: HandoverDecisionInput): Promise<void> {
    validate(input);
    const signer = await this.signatures.authenticate({ userId: principal.userId, password: input.password });
    await this.tx.run(async (em) => {
      const pkg = await loadPackage(em, packageId, true);
      if (pkg.status !== 'submitted')
        throw new PackageStateError(`The package is ${pkg.status}; only a submitted package is decided`);
      if (pkg.ownerId === principal.userId || pkg.submittedBy === principal.userId) throw new SamePersonError();
      const subject = await packageSubject(em, pkg);
      const authored = (await this.signatures.of(subject, em)).filter((s) => s.meaning === 'authored');
      if (input.verdict !== 'reject' && !authored.some((s) => s.status === 'valid')) {
        throw new PackageStateError(
          'The package changed after its author signed it: the author must sign again before it can be accepted',
        );
      }
      const open = pkg.checklist.filter((i) => !i.done).map((i) => i.key);
      if (input.verdict === 'accept' && open.length > 0) throw new ChecklistOpenError(open);
      const actor = actorOf(principal);
      const status =
        input.verdict === 'reject' ? 'rejected' : input.verdict === 'accept' ? 'accepted' : 'accepted_with_conditions';
      const [, changed] = (await em.query(
        `UPDATE handover_packages SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4,
                approved_at = CASE WHEN $2 = 'rejected' THEN NULL ELSE now() END, version = version + 1
          WHERE id = $1 AND status = 'submitted'`,
        [packageId, status, principal.userId, input.reason ?? null],
      )) as [unknown, number];
      if (changed !== 1) throw new PackageStateError('The package was decided meanwhile');
      await this.inbox.complete(em, packageId, ['handover_to_accept']);
      if (input.verdict === 'reject') {
        await this.signatures.sign(em, signer, subject, 'rejected');
        await this.drafts.withdraw(em, actor, packageId, `handover package rejected: ${input.reason ?? ''}`);
        await this.stages.apply(
          em,
          pkg.initiativeId,
          { kind: 'handover_rejected' },
          { actor, reason: input.reason ?? null },
        );
      } else {
        await this.signatures.sign(em, signer, subject, 'accepted');
        await this.accept(em, principal, pkg.initiativeId, packageId, input);
      }
      await this.inbox.add(em, {
        userId: pkg.ownerId,
        kind: `handover_package_${status}`,
        subjectType: 'handover_package',
        subjectId: packageId,
        title: `Handover package “${String(pkg.productDefinition.title)}” ${status.replace(/_/g, ' ')}${input.reason ? `: ${input.reason.slice(0, 200)}` : ''}`,
        dedupeKey: `decided:${packageId}`,
      });
      await this.audit.append(em, {
        actor,
        action: `handover.package.${status}`,
        entityType: 'initiative',
        entityId: pkg.initiativeId,
        reason: input.reason ?? null,
        after: { packageId, conditions: input.conditions ?? [], checklistOpen: open },
      });
    });
  }

  private async accept(
    em: Parameters<StageTransitions['apply']>[0],
    principal: Principal,
    initiativeId: string,
    packageId: string,
    input: HandoverDecisionInput,
  ): Promise<void> {
    const owners = [...new Set((input.conditions ?? []).map((c) => c.ownerId))];
    const known = await activeUserIds(em, owners);
    if (known.size !== owners.length)
      throw new InvalidHandoverDecisionError([
        { field: 'conditions', reason: 'every condition needs an active user as its owner' },
      ]);
    for (const condition of input.verdict === 'accept_with_conditions' ? (input.conditions ?? []) : []) {
      const actionId = returnedId(
        await em.query(
          `INSERT INTO handover_actions (package_id, text, owner_id, due_at) VALUES ($1, $2, $3, $4) RETURNING id`,
          [packageId, condition.text, condition.ownerId, condition.dueAt],
        ),
        'a handover action',
      );
      await this.inbox.add(em, {
        userId: condition.ownerId,
        kind: 'handover_action',
        subjectType: 'handover_action',
        subjectId: actionId,
        title: `Handover condition due ${condition.dueAt.toISOString().slice(0, 10)}: ${condition.text}`,
        dedupeKey: `action:${actionId}`,
        dueAt: condition.dueAt,
      });
    }
    const documentIds = await this.packageDocuments.idsOf(packageId, em);
    const approvers = (input.approverIds ?? []).length > 0 ? (input.approverIds as string[]) : [principal.userId];
    await this.documents.assertApprovers(em, approvers);
    await this.documents.control(
      em,
      actorOf(principal),
      documentIds,
      approvers,
      input.approvalDueAt ?? new Date(Date.now() + 14 * DAY_MS),
    );
    await em.query(`UPDATE process_records SET status = 'controlled', controlled_at = now() WHERE package_id = $1`, [
      packageId,
    ]);
    await this.stages.apply(
      em,
      initiativeId,
      { kind: 'handover_accepted' },
      { actor: actorOf(principal), reason: input.reason ?? 'handover accepted' },
    );
    await this.outbox.record(em, {
      type: HANDOVER_ACCEPTED_EVENT,
      aggregateType: 'handover_package',
      aggregateId: packageId,
      payload: { packageId, initiativeId, portfolioId: await portfolioOfInitiative(em, initiativeId) },
    });
  }
}

function validate(input: HandoverDecisionInput): void {
  if (input.verdict === 'reject' && (input.reason ?? '').trim() === '')
    throw new InvalidHandoverDecisionError([{ field: 'reason', reason: 'a rejection needs its reasons' }]);
  if (input.verdict === 'accept_with_conditions' && (input.conditions ?? []).length === 0) {
    throw new InvalidHandoverDecisionError([
      { field: 'conditions', reason: 'an acceptance on conditions needs at least one condition' },
    ]);
  }
  if (input.verdict !== 'accept_with_conditions' && (input.conditions ?? []).length > 0) {
    throw new InvalidHandoverDecisionError([
      { field: 'conditions', reason: 'only an acceptance on conditions has conditions' },
    ]);
  }
}
