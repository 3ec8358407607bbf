import { EntityManager } from 'typeorm';
import { DerivedRisk } from './domain/package-content';

/** What the lead prepared on the initiative's last rejected package, so that the next package does not start empty. */
export interface PreparedWork {
  controls: Map<string, string>;
  baselines: Map<string, number>;
  trainingRoles: string[];
  inputs: string[];
  outputs: string[];
  resources: string[];
}

export const NOTHING_PREPARED: PreparedWork = {
  controls: new Map(),
  baselines: new Map(),
  trainingRoles: [],
  inputs: [],
  outputs: [],
  resources: [],
};

export async function preparedOnRejectedPackage(em: EntityManager, initiativeId: string): Promise<PreparedWork> {
  const [row] = (await em.query(
    `SELECT p.risks, p.training_roles, r.kpis, r.inputs, r.outputs, r.resources
       FROM handover_packages p LEFT JOIN process_records r ON r.package_id = p.id
      WHERE p.initiative_id = $1 AND p.status = 'rejected' ORDER BY p.decided_at DESC NULLS LAST, p.created_at DESC LIMIT 1`,
    [initiativeId],
  )) as RejectedPackageRow[];
  return row === undefined ? NOTHING_PREPARED : toPreparedWork(row);
}

interface RejectedPackageRow {
  risks: DerivedRisk[];
  training_roles: string[];
  kpis: { name: string; baseline: number | null }[] | null;
  inputs: string[] | null;
  outputs: string[] | null;
  resources: string[] | null;
}

function toPreparedWork(row: RejectedPackageRow): PreparedWork {
  return {
    // Risk keys are renumbered from the evidence; the assumption a risk stands for is what stays the same.
    controls: new Map(
      row.risks
        .filter((r) => r.control !== null && r.control.trim() !== '')
        .map((r) => [r.assumptionId, r.control as string]),
    ),
    baselines: new Map((row.kpis ?? []).filter((k) => k.baseline !== null).map((k) => [k.name, k.baseline as number])),
    trainingRoles: row.training_roles,
    inputs: row.inputs ?? [],
    outputs: row.outputs ?? [],
    resources: row.resources ?? [],
  };
}
