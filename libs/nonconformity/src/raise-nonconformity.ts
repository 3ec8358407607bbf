import { activeUserIdsWithAnyRole, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryRows, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { ncNumber, NcSeverity, NcSource, NcSubjectType } from './domain/nonconformity-rules';
import { InvalidNonconformityError } from './domain/nonconformity.errors';
import { SubjectRecords } from './subject-records';

export interface RaiseNonconformityInput {
  subject: { type: NcSubjectType; id: string } | null;
  source: NcSource;
  severity: NcSeverity;
  probability: number;
  description: string;
  evidenceLinks: string[];
}

/** Anyone signed in raises a nonconformity; it is numbered from a sequence and lands in the quality heads' inbox. */
@Injectable()
export class RaiseNonconformity {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly subjects: SubjectRecords,
  ) {}

  async raise(principal: Principal, input: RaiseNonconformityInput): Promise<string> {
    if (input.subject !== null && !(await this.subjects.exists(input.subject.type, input.subject.id)))
      throw new InvalidNonconformityError([
        { field: 'subject.id', reason: `no ${input.subject.type.replace(/_/g, ' ')} has this id` },
      ]);
    return this.tx.run(async (em) => {
      // Numbered in TypeScript: lpad would cut NC-10000 down to four digits.
      const [next] = await queryRows<{ n: number }>(em, `SELECT nextval('nonconformity_numbers')::int AS n`);
      const number = ncNumber(next?.n ?? 0);
      const id = returnedId(
        await em.query(
          `INSERT INTO nonconformities (number, subject_type, subject_id, source, severity, probability, description, evidence_links, raised_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            number,
            input.subject?.type ?? null,
            input.subject?.id ?? null,
            input.source,
            input.severity,
            input.probability,
            input.description,
            input.evidenceLinks,
            principal.userId,
          ],
        ),
        'a nonconformity',
      );
      for (const userId of await activeUserIdsWithAnyRole(em, ['quality_head'])) {
        await this.inbox.add(em, {
          userId,
          kind: 'nonconformity_raised',
          subjectType: 'nonconformity',
          subjectId: id,
          title: `${number} (${input.severity}) raised: ${input.description.slice(0, 160)}`,
          dedupeKey: `nc-raised:${id}:${userId}`,
        });
      }
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'nonconformity.raised',
        entityType: 'nonconformity',
        entityId: id,
        chainKey: `nonconformity:${id}`,
        after: { number, ...input },
      });
      return id;
    });
  }
}
