import { EvidenceReader } from '@ambidex/experiments';
import { InboxService } from '@ambidex/identity';
import { AuditTrail, returnedId, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { lockInitiatives } from '@ambidex/portfolio';
import { DocumentControl } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { draftDocument, DRAFT_TYPES } from './domain/document-templates';
import { deriveRequirements, deriveRisks, packageKpis, readinessChecklist } from './domain/package-content';
import { preparedOnRejectedPackage } from './carry-over';
import { gatherInitiativeFacts, productDefinitionOf } from './package-facts';

/**
 * After a G3 Go: the package, its requirements, risks, draft process record, draft documents and checklist, all
 * in one transaction. Idempotent: one package per G3 review (unique index), so a re-run finds it and stops. After a
 * rejection, what the lead prepared on the rejected package (controls, baselines, audience, process record) carries over.
 */
@Injectable()
export class AssembleHandoverPackage {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly documents: DocumentControl,
    private readonly inbox: InboxService,
    private readonly evidence: EvidenceReader,
  ) {}

  async run(initiativeId: string, reviewId: string): Promise<'assembled' | 'exists'> {
    return this.tx.run(async (em) => {
      await lockInitiatives(em, [initiativeId], 'update');
      const existing = (await em.query(
        `SELECT id FROM handover_packages WHERE review_id = $1 OR (initiative_id = $2 AND status <> 'rejected')`,
        [reviewId, initiativeId],
      )) as unknown[];
      if (existing.length > 0) return 'exists';
      const facts = await gatherInitiativeFacts(em, this.evidence, initiativeId);
      const { initiative } = facts;
      const requirements = deriveRequirements(facts.assumptions, facts.experiments, facts.learnings);
      const prepared = await preparedOnRejectedPackage(em, initiativeId);
      const risks = deriveRisks(facts.assumptions).map((r) => ({
        ...r,
        control: prepared.controls.get(r.assumptionId) ?? r.control,
      }));
      const kpis = packageKpis(facts.experiments, prepared.baselines);
      const trainingRoles = prepared.trainingRoles;
      const productDefinition = productDefinitionOf(facts);
      const packageId = returnedId(
        await em.query(
          `INSERT INTO handover_packages (initiative_id, review_id, product_definition, risks, checklist, training_roles) VALUES ($1, $2, $3, $4, '[]', $5) RETURNING id`,
          [initiativeId, reviewId, JSON.stringify(productDefinition), JSON.stringify(risks), trainingRoles],
        ),
        'a handover package',
      );
      for (const r of requirements) {
        await em.query(
          `INSERT INTO handover_requirements (package_id, key, text, assumption_id, experiment_ids, learning_ids) VALUES ($1, $2, $3, $4, $5, $6)`,
          [packageId, r.key, r.text, r.assumptionId, r.evidence.experimentIds, r.evidence.learningIds],
        );
      }
      await em.query(
        `INSERT INTO process_records (package_id, initiative_id, name, owner_id, inputs, outputs, resources, kpis, risks_and_controls)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          packageId,
          initiativeId,
          `${initiative.title} process`,
          initiative.ownerId,
          JSON.stringify(prepared.inputs),
          JSON.stringify(prepared.outputs),
          JSON.stringify(prepared.resources),
          JSON.stringify(kpis),
          JSON.stringify(risks),
        ],
      );
      const cited = [...requirements.map((r) => r.assumptionId), ...risks.map((r) => r.assumptionId)];
      for (const type of DRAFT_TYPES) {
        const draft = draftDocument(type, {
          title: initiative.title,
          problem: initiative.problem,
          valueHypothesis: initiative.valueHypothesis,
          ownerName: facts.ownerName,
          requirements,
          risks,
          kpis: kpis.map((k) => ({ name: k.name, baseline: k.baseline, unit: k.unit })),
        });
        await this.documents.draft(em, SYSTEM_ACTOR, {
          type,
          title: draft.title,
          body: draft.body,
          ownerId: initiative.ownerId,
          packageId,
          initiativeId,
          trainingRoles,
          citedAssumptionIds: cited,
        });
      }
      const checklist = readinessChecklist({
        requirements,
        risks,
        kpis,
        documents: DRAFT_TYPES.map((type) => ({ type, ownerId: initiative.ownerId })),
        trainingRoles,
      });
      await em.query(`UPDATE handover_packages SET checklist = $2 WHERE id = $1`, [
        packageId,
        JSON.stringify(checklist),
      ]);
      await this.inbox.add(em, {
        userId: initiative.ownerId,
        kind: 'handover_package_assembled',
        subjectType: 'handover_package',
        subjectId: packageId,
        title: `Handover package “${initiative.title}” is assembled: complete and submit it`,
        dedupeKey: `assembled:${packageId}`,
      });
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'handover.package.assembled',
        entityType: 'initiative',
        entityId: initiativeId,
        after: {
          packageId,
          reviewId,
          requirements: requirements.length,
          risks: risks.length,
          documents: DRAFT_TYPES.length,
        },
      });
      return 'assembled';
    });
  }
}
