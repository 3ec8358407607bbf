import { IdentityModule } from '@ambidex/identity';
import { Module } from '@nestjs/common';
import { EvidenceQueries } from './evidence-queries';
import { ExportEvidence } from './export-evidence';

const SERVICES = [EvidenceQueries, ExportEvidence];

/** Evidence for auditors: reads the trail and signatures through platform's and qms's readers; owns its export log. */
@Module({
  imports: [IdentityModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class EvidenceModule {}
