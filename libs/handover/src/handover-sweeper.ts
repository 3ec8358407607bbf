import { RevisionEffectivity } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssembleHandoverPackage } from './assemble-handover-package';
import { HandoverProgress } from './handover-progress';

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
    const missing = (await this.dataSource.query(
      `SELECT r.id, r.initiative_id FROM gate_reviews r
        WHERE r.gate = 'G3' AND r.decision IN ('go', 'conditional_go') AND r.decided_at < now() - interval '1 minute'
          AND NOT EXISTS (SELECT 1 FROM handover_packages p WHERE p.review_id = r.id) LIMIT 50`,
    )) as { id: string; initiative_id: string }[];
    let assembled = 0;
    for (const r of missing) if ((await this.assemble.run(r.initiative_id, r.id)) === 'assembled') assembled += 1;
    let effective = 0;
    for (const id of await this.effectivity.dueRevisionIds(this.dataSource.manager))
      if (await this.effectivity.runScheduled(id)) effective += 1;
    const escalated = await this.progress.escalateOverdue();
    let controlled = 0;
    for (const id of await this.progress.openPackagesAwaitingControl())
      if (await this.progress.checkControlled(id)) controlled += 1;
    return { assembled, effective, escalated, controlled };
  }
}
