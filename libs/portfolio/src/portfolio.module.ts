import { Module } from '@nestjs/common';
import { StageTransitions } from './stage-transitions.service';

const SERVICES = [StageTransitions];

@Module({ providers: SERVICES, exports: SERVICES })
export class PortfolioModule {}
