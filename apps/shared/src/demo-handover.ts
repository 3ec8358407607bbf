import { EvidenceReader } from '@ambidex/experiments';
import { PackageAcceptance, PackagePreparation } from '@ambidex/handover';
import { RevisionApprovals } from '@ambidex/qms';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DemoCast } from './demo-cast';
import { DemoHandover } from './demo-initiatives';

type PackageRow = {
  id: string;
  risks: { key: string; assumptionId: string }[];
  checklist: { key: string; done: boolean }[];
};

/**
 * Today's step of a package assembled by a demo G3 Go, through the handover and QMS use cases with real signatures
 * (the signer's password checked again): the lead completes and signs it; for an accepted one, the quality head
 * signs the acceptance (the documents are numbered and routed to them) and approves some documents, which become
 * effective and assign training.
 */
export async function seedDemoHandover(
  app: INestApplicationContext,
  cast: DemoCast,
  initiativeId: string,
  plan: DemoHandover,
): Promise<void> {
  const db = app.get(DataSource);
  const pkg = await draftPackage(db, initiativeId);
  const statements = await app.get(EvidenceReader).assumptionsOf(db.manager, initiativeId);
  const [record] = (await db.query(`SELECT kpis FROM process_records WHERE package_id = $1`, [pkg.id])) as {
    kpis: { name: string; baseline: number | null }[];
  }[];
  await app.get(PackagePreparation).update(cast.lead, pkg.id, {
    riskControls: pkg.risks.map((risk) => ({
      key: risk.key,
      control: plan.controls[statements.find((s) => s.id === risk.assumptionId)?.statement ?? ''] ?? '',
    })),
    kpiBaselines: (record?.kpis ?? [])
      .filter((k) => k.baseline === null)
      .map((k) => ({ name: k.name, baseline: plan.baselines[k.name] ?? 0 })),
    trainingRoles: plan.trainingRoles,
  });
  const open = (await draftPackage(db, initiativeId)).checklist.filter((item) => !item.done).map((item) => item.key);
  if (open.length > 0) throw new Error(`demo package of ${initiativeId} is not ready: ${open.join(', ')}`);
  await app.get(PackageAcceptance).submit(cast.lead, pkg.id, DEMO_PASSWORD);
  if (plan.status === 'submitted') return;
  await app.get(PackageAcceptance).decide(cast.quality, pkg.id, {
    password: DEMO_PASSWORD,
    verdict: 'accept',
    reason: 'Evidence, controls and baselines are complete',
  });
  const toApprove = (await db.query(
    `SELECT r.id FROM document_revisions r JOIN controlled_documents d ON d.id = r.document_id
      WHERE d.package_id = $1 AND d.document_type = ANY($2::text[]) AND r.state = 'in_review' ORDER BY d.number`,
    [pkg.id, plan.approve ?? []],
  )) as { id: string }[];
  for (const { id } of toApprove) {
    await app
      .get(RevisionApprovals)
      .decide(cast.quality, id, { password: DEMO_PASSWORD, decision: 'approved', comment: null, effectiveFrom: null });
  }
}

async function draftPackage(db: DataSource, initiativeId: string): Promise<PackageRow> {
  const [pkg] = (await db.query(
    `SELECT id, risks, checklist FROM handover_packages WHERE initiative_id = $1 AND status = 'draft'`,
    [initiativeId],
  )) as PackageRow[];
  if (pkg === undefined) throw new Error(`demo initiative ${initiativeId} has no draft handover package`);
  return pkg;
}
