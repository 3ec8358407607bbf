import { ASSUMPTION_INVALIDATED_EVENT, EvidenceReader } from '@ambidex/experiments';
import { InboxService } from '@ambidex/identity';
import { AuditTrail, DomainEventDelivery, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';

/**
 * Change impact, the other way round: when a later experiment invalidates an assumption, every controlled document
 * citing it is flagged for review and its owner told. Idempotent (the flag and the inbox key are set once).
 */
@Injectable()
export class AssumptionImpactHandler implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly evidence: EvidenceReader,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'qms.flag-documents-citing-invalidated-assumption',
      eventTypes: [ASSUMPTION_INVALIDATED_EVENT],
      handle: async (event) => {
        await this.flag(event.payload.assumptionId);
      },
    });
  }

  async flag(assumptionId: string): Promise<number> {
    return this.tx.run(async (em) => {
      const [assumption] = await this.evidence.assumptionsByIds(em, [assumptionId]);
      const reason = `Assumption invalidated by a later experiment: “${assumption?.statement ?? assumptionId}”`;
      // The documents first, in ascending id order (the global lock order): two flags citing the same documents queue
      // up instead of locking them in whatever order their UPDATE happens to visit them.
      await em.query(
        `SELECT d.id FROM controlled_documents d JOIN document_citations c ON c.document_id = d.id WHERE c.assumption_id = $1 ORDER BY d.id FOR UPDATE OF d`,
        [assumptionId],
      );
      const [flagged] = (await em.query(
        `UPDATE controlled_documents d SET review_flagged_at = now(), review_flag_reason = $2
           FROM document_citations c
          WHERE c.document_id = d.id AND c.assumption_id = $1 AND d.status NOT IN ('obsolete', 'withdrawn')
            AND (d.review_flagged_at IS NULL OR d.review_flag_reason IS DISTINCT FROM $2)
          RETURNING d.id, d.owner_id, d.number, d.title`,
        [assumptionId, reason],
      )) as [FlaggedRow[], number];
      for (const doc of flagged.map(toFlagged)) {
        await this.inbox.add(em, {
          userId: doc.ownerId,
          kind: 'document_review_flagged',
          subjectType: 'controlled_document',
          subjectId: doc.id,
          title: `Review ${doc.number ?? doc.title}: ${reason}`,
          dedupeKey: `flag:${doc.id}:${assumptionId}`,
        });
        await this.audit.append(em, {
          actor: SYSTEM_ACTOR,
          action: 'qms.document.flagged-for-review',
          entityType: 'controlled_document',
          entityId: doc.id,
          chainKey: `controlled_document:${doc.id}`,
          reason,
          after: { assumptionId },
        });
      }
      return flagged.length;
    });
  }
}

interface FlaggedRow {
  id: string;
  owner_id: string;
  number: string | null;
  title: string;
}

function toFlagged(row: FlaggedRow): { id: string; ownerId: string; number: string | null; title: string } {
  return { id: row.id, ownerId: row.owner_id, number: row.number, title: row.title };
}
