import { ApprovalCursor, GateReviewVerdict, handoverApprovals } from '@ambidex/gates';
import { RevisionEffectivity } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssembleHandoverPackage } from './assemble-handover-package';
import { HandoverProgress } from './handover-progress';

/** Approvals read per page while looking for ones without a package. */
const APPROVALS_PAGE = 500;

/** The repeatable safety net: packages a lost job never assembled, revisions due today, overdue conditions, controlled packages. */
@Injectable()
export class HandoverSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assemble: AssembleHandoverPackage,
    private readonly effectivity: RevisionEffectivity,
    private readonly progress: HandoverProgress,
  ) {}

  async sweep(): Promise<{ assembled: number; effective: number; escalated: number; controlled: number }> {
    let assembled = 0;
    for (const r of await this.approvalsWithoutPackage(50))
      if ((await this.assemble.run(r.initiativeId, r.id)) === 'assembled') assembled += 1;
    let effective = 0;
    for (const id of await this.effectivity.dueRevisionIds(this.dataSource.manager))
      if (await this.effectivity.runScheduled(id)) effective += 1;
    const escalated = await this.progress.escalateOverdue();
    let controlled = 0;
    for (const id of await this.progress.openPackagesAwaitingControl())
      if (await this.progress.checkControlled(id)) controlled += 1;
    return { assembled, effective, escalated, controlled };
  }

  /** G3 approvals decided over a minute ago (their event had time to arrive) that still have no package. */
  private async approvalsWithoutPackage(limit: number): Promise<GateReviewVerdict[]> {
    const missing: GateReviewVerdict[] = [];
    let after: ApprovalCursor | null = null;
    while (missing.length < limit) {
      const approvals = await handoverApprovals(this.dataSource, 60, { after, limit: APPROVALS_PAGE });
      const packaged = (await this.dataSource.query(
        `SELECT review_id FROM handover_packages WHERE review_id = ANY($1::uuid[])`,
        [approvals.map((r) => r.id)],
      )) as { review_id: string }[];
      const done = new Set(packaged.map((p) => p.review_id));
      missing.push(...approvals.filter((r) => !done.has(r.id)));
      const last = approvals.at(-1);
      if (approvals.length < APPROVALS_PAGE || last?.decidedAt == null) break;
      after = { decidedAt: last.decidedAt, id: last.id };
    }
    return missing.slice(0, limit);
  }
}
