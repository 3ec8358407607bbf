import { queryRows } from '@ambidex/platform';
import { initiativeSummary, lockInitiatives } from '@ambidex/portfolio';
import { packageDocumentContents, SignedSubject } from '@ambidex/qms';
import { EntityManager } from 'typeorm';
import { PackageNotFoundError } from './domain/handover.errors';

/** A handover package as the handover use cases work on it, with its initiative's owner. */
export interface HandoverPackage {
  id: string;
  initiativeId: string;
  reviewId: string | null;
  status: string;
  productDefinition: Record<string, unknown>;
  risks: { key: string; text: string; assumptionId: string; status: string; control: string | null }[];
  checklist: { key: string; text: string; done: boolean; detail: string }[];
  trainingRoles: string[];
  ownerId: string;
  submittedBy: string | null;
  approvedAt: Date | null;
  controlledAt: Date | null;
}

interface PackageRow {
  id: string;
  initiative_id: string;
  review_id: string | null;
  status: string;
  product_definition: Record<string, unknown>;
  risks: HandoverPackage['risks'];
  checklist: HandoverPackage['checklist'];
  training_roles: string[];
  submitted_by: string | null;
  approved_at: Date | null;
  controlled_at: Date | null;
}

function toHandoverPackage(row: PackageRow, ownerId: string): HandoverPackage {
  return {
    id: row.id,
    initiativeId: row.initiative_id,
    reviewId: row.review_id,
    status: row.status,
    productDefinition: row.product_definition,
    risks: row.risks,
    checklist: row.checklist,
    trainingRoles: row.training_roles,
    ownerId,
    submittedBy: row.submitted_by,
    approvedAt: row.approved_at,
    controlledAt: row.controlled_at,
  };
}

/**
 * With lock, the package's initiative is locked first and then the package row, in the global lock order
 * (initiative → rows under it → audit chain head): a decision that moves the initiative then never waits for the
 * initiative while holding the package that an assembly holding the initiative waits for.
 */
export async function loadPackage(em: EntityManager, packageId: string, lock = false): Promise<HandoverPackage> {
  if (lock) {
    const [owner] = await queryRows<{ initiative_id: string }>(
      em,
      `SELECT initiative_id FROM handover_packages WHERE id = $1`,
      [packageId],
    );
    if (owner === undefined) throw new PackageNotFoundError(packageId);
    await lockInitiatives(em, [owner.initiative_id]);
  }
  const [row] = await queryRows<PackageRow>(
    em,
    `SELECT p.id, p.initiative_id, p.review_id, p.status, p.product_definition, p.risks, p.checklist, p.training_roles,
            p.submitted_by, p.approved_at, p.controlled_at
       FROM handover_packages p WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
    [packageId],
  );
  if (row === undefined) throw new PackageNotFoundError(packageId);
  const initiative = await initiativeSummary(em, row.initiative_id);
  if (initiative === null) throw new PackageNotFoundError(packageId);
  return toHandoverPackage(row, initiative.ownerId);
}

/** What both parties sign: the package with its requirements, process record and document drafts, exactly. */
export async function packageSubject(em: EntityManager, pkg: HandoverPackage): Promise<SignedSubject> {
  const requirements = await em.query(
    `SELECT key, text, assumption_id, experiment_ids, learning_ids FROM handover_requirements WHERE package_id = $1 ORDER BY key`,
    [pkg.id],
  );
  const [processRecord] = (await em.query(
    `SELECT name, owner_id, inputs, outputs, resources, kpis, risks_and_controls FROM process_records WHERE package_id = $1`,
    [pkg.id],
  )) as unknown[];
  // The signed hash covers these keys as they were first signed: they stay snake_case.
  const documents = (await packageDocumentContents(em, pkg.id)).map((d) => ({
    document_type: d.documentType,
    title: d.title,
    body: d.body,
  }));
  return {
    recordType: 'handover_package',
    recordId: pkg.id,
    content: {
      productDefinition: pkg.productDefinition,
      requirements,
      risks: pkg.risks,
      processRecord,
      documents,
      trainingRoles: pkg.trainingRoles,
    },
  };
}
