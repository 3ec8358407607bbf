import { IdentityModule } from '@ambidex/identity';
import { PortfolioModule } from '@ambidex/portfolio';
import { Module } from '@nestjs/common';
import { EvidenceModule } from './evidence/evidence.module';
import { AssumptionsService } from './assumptions.service';
import { ExperimentJobs } from './experiment-jobs';
import { ExperimentsService } from './experiments.service';
import { IngestProcessor } from './ingest.processor';
import { IngestService } from './ingest.service';
import { IngestSweeper } from './ingest-sweeper';
import { InitiativeTeam } from './initiative-team';
import { LearningSearch } from './learning-search';
import { LearningStore } from './learning-store';
import { LearningsService } from './learnings.service';
import { LearningRollups } from './learning-rollups';
import { ResultStore } from './result-store';

const SERVICES = [
  AssumptionsService,
  ExperimentJobs,
  ExperimentsService,
  IngestProcessor,
  IngestService,
  IngestSweeper,
  InitiativeTeam,
  LearningSearch,
  LearningStore,
  LearningsService,
  LearningRollups,
  ResultStore,
];

@Module({
  imports: [IdentityModule, PortfolioModule, EvidenceModule],
  providers: SERVICES,
  exports: [...SERVICES, EvidenceModule],
})
export class ExperimentsModule {}
