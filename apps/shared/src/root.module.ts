import { AuditsModule } from '@ambidex/audits';
import { MarketModule } from '@ambidex/market';
import { ExperimentsModule } from '@ambidex/experiments';
import { GatesModule } from '@ambidex/gates';
import { HandoverModule } from '@ambidex/handover';
import { LeanModule } from '@ambidex/lean';
import { NonconformityModule } from '@ambidex/nonconformity';
import { IdentityModule } from '@ambidex/identity';
import { InsightsModule } from '@ambidex/insights';
import { ManagementReviewModule } from '@ambidex/management-review';
import { PortfolioModule } from '@ambidex/portfolio';
import { AppConfig, PlatformModule } from '@ambidex/platform';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { ALL_ENTITIES } from './entities';

export interface Infrastructure {
  /** How the app connects: as the application role, never as the owner of the tables. */
  databaseUrl: string;
  /** Embedded PGlite only (one session user): the role its connection switches to. */
  databaseRole?: string;
  redisUrl: string;
}

/**
 * Composes one process: the platform once, then the parts it runs. `npm start` runs API and worker in one
 * process (the embedded database serves a single connection); deployments run them apart.
 */
@Module({})
export class RootModule {
  static forRoot(config: AppConfig, infra: Infrastructure, parts: Type[]): DynamicModule {
    return {
      module: RootModule,
      imports: [
        PlatformModule.forRoot({
          config,
          databaseUrl: infra.databaseUrl,
          ...(infra.databaseRole === undefined ? {} : { databaseRole: infra.databaseRole }),
          redisUrl: infra.redisUrl,
          entities: ALL_ENTITIES,
        }),
        IdentityModule,
        PortfolioModule,
        ExperimentsModule,
        GatesModule,
        HandoverModule,
        NonconformityModule,
        AuditsModule,
        LeanModule,
        MarketModule,
        InsightsModule,
        ManagementReviewModule,
        ...parts,
      ],
    };
  }
}
