import { HandoverModule } from '@ambidex/handover';
import { IdentityModule } from '@ambidex/identity';
import { QmsModule } from '@ambidex/qms';
import { Module } from '@nestjs/common';
import { ImprovementActions } from './improvement-actions';
import { ImprovementChangeRequests } from './improvement-change-requests';
import { ImprovementEvents } from './improvement-events';
import { LeanEventHandlers } from './lean-event-handlers';
import { LeanJobs } from './lean-jobs';
import { LeanQueries } from './lean-queries';
import { LeanSweeper } from './lean-sweeper';
import { ValueStreamMeasurements } from './value-stream-measurements';
import { ValueStreamOpening } from './value-stream-opening';

const SERVICES = [
  ImprovementActions,
  ImprovementChangeRequests,
  ImprovementEvents,
  LeanEventHandlers,
  LeanJobs,
  LeanQueries,
  LeanSweeper,
  ValueStreamMeasurements,
  ValueStreamOpening,
];

@Module({
  imports: [IdentityModule, QmsModule, HandoverModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class LeanModule {}
