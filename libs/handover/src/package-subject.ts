import { initiativeSummary, lockInitiatives } from '@ambidex/portfolio';
import { packageDocumentContents, SignedSubject } from '@ambidex/qms';
import { EntityManager } from 'typeorm';
import { PackageNotFoundError } from './domain/handover.errors';

export interface PackageRow {
  id: string;
  initiative_id: string;
  review_id: string | null;
  status: string;
  product_definition: Record<string, unknown>;
  risks: { key: string; text: string; assumptionId: string; status: string; control: string | null }[];
  checklist: { key: string; text: string; done: boolean; detail: string }[];
  training_roles: string[];
  owner_id: string;
  submitted_by: string | null;
  approved_at: Date | null;
  controlled_at: Date | null;
}

/**
 * With lock, the package's initiative is locked first and then the package row, in the global lock order
 * (initiative → rows under it → audit chain head): a decision that moves the initiative then never waits for the
 * initiative while holding the package that an assembly holding the initiative waits for.
 */
export async function loadPackage(em: EntityManager, packageId: string, lock = false): Promise<PackageRow> {
  if (lock) {
    const [owner] = (await em.query(`SELECT initiative_id FROM handover_packages WHERE id = $1`, [packageId])) as {
      initiative_id: string;
    }[];
    if (owner === undefined) throw new PackageNotFoundError(packageId);
    await lockInitiatives(em, [owner.initiative_id]);
  }
  const [row] = (await em.query(
    `SELECT p.* FROM handover_packages p WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
    [packageId],
  )) as Omit<PackageRow, 'owner_id'>[];
  if (row === undefined) throw new PackageNotFoundError(packageId);
  const initiative = await initiativeSummary(em, row.initiative_id);
  if (initiative === null) throw new PackageNotFoundError(packageId);
  return { ...row, owner_id: initiative.ownerId };
}

/** What both parties sign: the package with its requirements, process record and document drafts, exactly. */
export async function packageSubject(em: EntityManager, pkg: PackageRow): Promise<SignedSubject> {
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
      productDefinition: pkg.product_definition,
      requirements,
      risks: pkg.risks,
      processRecord,
      documents,
      trainingRoles: pkg.training_roles,
    },
  };
}
