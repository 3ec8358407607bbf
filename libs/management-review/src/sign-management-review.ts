import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { ElectronicSignatures } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { ManagementReviewStateError } from './domain/management-review.errors';
import { managementReviewSubject } from './management-review-subject';
import { actionsOfReview, loadReview, opportunitiesOfReview } from './management-review-rows';

/** Leadership signs the review (re-authenticated): pack hash and outputs; the database freezes it. */
@Injectable()
export class SignManagementReview {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly signatures: ElectronicSignatures,
  ) {}

  async sign(principal: Principal, id: string, password: string): Promise<void> {
    // argon2 before the transaction: it is slow and must not hold a connection.
    const signer = await this.signatures.authenticate({ userId: principal.userId, password });
    await this.tx.run(async (em) => {
      const review = await loadReview(em, id, true);
      if (review.status !== 'scheduled') throw new ManagementReviewStateError('The review is signed already');
      if (review.packAssembledRound !== review.packRound)
        throw new ManagementReviewStateError('The pack is being assembled: sign once it is ready');
      const subject = managementReviewSubject(
        review,
        await actionsOfReview(em, id),
        await opportunitiesOfReview(em, id),
      );
      const signatureId = await this.signatures.sign(em, signer, subject, 'approved');
      // The status in the WHERE: of two leaders signing at once, the second finds it signed (409).
      const { count } = await queryChanges(
        em,
        `UPDATE management_reviews SET status = 'signed', signature_id = $2, signed_by = $3, signed_at = now()
          WHERE id = $1 AND status = 'scheduled' AND pack_round = $4`,
        [id, signatureId, principal.userId, review.packRound],
      );
      if (count !== 1) throw new ManagementReviewStateError('The review was signed meanwhile');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'management-review.signed',
        entityType: 'management_review',
        entityId: id,
        chainKey: `management_review:${id}`,
        after: { signatureId, packSha256: review.packSha256 },
      });
    });
  }
}
