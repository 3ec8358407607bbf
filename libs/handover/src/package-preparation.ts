import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, TransactionRunner } from '@ambidex/platform';
import { ownsOrAdministers } from '@ambidex/portfolio';
import { PackageDocuments, PackageDrafts } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotPackageOwnerError, PackageStateError } from './domain/handover.errors';
import { readinessChecklist } from './domain/package-content';
import { rerenderedDrafts, templateFactsOf } from './draft-rendering';
import { HandoverPackage, loadPackage } from './package-subject';
import { PackageRequirement, requirementsOf } from './package-rows';

export interface PackageChanges {
  riskControls?: { key: string; control: string }[];
  kpiBaselines?: { name: string; baseline: number }[];
  trainingRoles?: string[];
  processRecord?: { inputs?: string[]; outputs?: string[]; resources?: string[] };
  /** Edits of the draft documents, by type; only while the package is a draft (signing freezes them). */
  documents?: { type: string; title?: string; body?: string }[];
}

type Kpi = { name: string; baseline: number | null; unit: string };

/** The innovation lead completes the draft package (controls, baselines, audience); the checklist and the drafts follow. */
@Injectable()
export class PackagePreparation {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly drafts: PackageDrafts,
    private readonly documents: PackageDocuments,
  ) {}

  async update(principal: Principal, packageId: string, changes: PackageChanges): Promise<void> {
    await this.tx.run(async (em) => {
      const pkg = await loadPackage(em, packageId, true);
      // The package is the initiative's: its owner prepares it, or an admin.
      if (!ownsOrAdministers(principal, { ownerId: pkg.ownerId })) throw new NotPackageOwnerError();
      if (pkg.status !== 'draft') throw new PackageStateError(`The package is ${pkg.status}; only a draft changes`);
      const risks = pkg.risks.map((r) => ({
        ...r,
        control: changes.riskControls?.find((c) => c.key === r.key)?.control ?? r.control,
      }));
      await em.query(
        `UPDATE handover_packages SET risks = $2, training_roles = coalesce($3, training_roles), version = version + 1 WHERE id = $1`,
        [packageId, JSON.stringify(risks), changes.trainingRoles ?? null],
      );
      if (changes.trainingRoles !== undefined) await this.drafts.setTrainingRoles(em, packageId, changes.trainingRoles);
      const [record] = (await em.query(`SELECT kpis FROM process_records WHERE package_id = $1 FOR UPDATE`, [
        packageId,
      ])) as { kpis: Kpi[] }[];
      const oldKpis = record?.kpis ?? [];
      const kpis = oldKpis.map((k) => ({
        ...k,
        baseline: changes.kpiBaselines?.find((b) => b.name === k.name)?.baseline ?? k.baseline,
      }));
      const pr = changes.processRecord ?? {};
      await em.query(
        `UPDATE process_records SET kpis = $2, risks_and_controls = $3, inputs = coalesce($4, inputs), outputs = coalesce($5, outputs), resources = coalesce($6, resources)
          WHERE package_id = $1`,
        [packageId, JSON.stringify(kpis), JSON.stringify(risks), json(pr.inputs), json(pr.outputs), json(pr.resources)],
      );
      const requirements = await requirementsOf(em, pkg.id);
      const before = templateFactsOf({
        productDefinition: pkg.productDefinition,
        requirements,
        risks: pkg.risks,
        kpis: oldKpis,
      });
      const after = templateFactsOf({ productDefinition: pkg.productDefinition, requirements, risks, kpis });
      for (const draft of rerenderedDrafts(await this.drafts.of(em, packageId), before, after))
        await this.drafts.rewrite(em, packageId, draft.type, draft);
      const actor = actorOf(principal);
      for (const doc of changes.documents ?? []) {
        await this.drafts.edit(em, actor, packageId, doc.type, {
          ...(doc.title === undefined ? {} : { title: doc.title }),
          ...(doc.body === undefined ? {} : { body: doc.body }),
        });
      }
      await refreshChecklist(
        em,
        { ...pkg, risks, trainingRoles: changes.trainingRoles ?? pkg.trainingRoles },
        requirements,
        kpis,
        await this.documents.ownersOf(packageId, em),
      );
      await this.audit.append(em, {
        actor,
        action: 'handover.package.prepared',
        entityType: 'initiative',
        entityId: pkg.initiativeId,
        after: { packageId, ...changes },
      });
    });
  }
}

async function refreshChecklist(
  em: EntityManager,
  pkg: HandoverPackage,
  requirements: PackageRequirement[],
  kpis: { name: string; baseline: number | null }[],
  documents: { type: string; ownerId: string | null }[],
): Promise<void> {
  const checklist = readinessChecklist({
    requirements: requirements.map((r) => ({
      key: r.key,
      text: r.text,
      assumptionId: r.assumptionId ?? '',
      evidence: { experimentIds: r.experimentIds, learningIds: [] },
    })),
    risks: pkg.risks.map((r) => ({ ...r, status: r.status as 'untested' })),
    kpis,
    documents,
    trainingRoles: pkg.trainingRoles,
  });
  await em.query(`UPDATE handover_packages SET checklist = $2 WHERE id = $1`, [pkg.id, JSON.stringify(checklist)]);
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
