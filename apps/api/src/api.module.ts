import { GatesModule } from '@ambidex/gates';
import { IdentityModule } from '@ambidex/identity';
import { PortfolioModule } from '@ambidex/portfolio';
import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './auth/access.guard';
import { RouteAccessAudit } from './auth/route-access-audit';
import { RequestContextInterceptor } from './http/request-context.interceptor';
import { ReviewsController } from './gates/reviews.controller';
import { ApiTokensController } from './identity/api-tokens.controller';
import { InboxController } from './identity/inbox.controller';
import { AuthController } from './identity/auth.controller';
import { UsersController } from './identity/users.controller';
import { AuditController } from './platform/audit.controller';
import { HealthController } from './platform/health.controller';
import { MetricsController } from './platform/metrics.controller';
import { WebController } from './web/web.controller';

/** HTTP only: controllers, the access guard and request context. Expects PlatformModule from the root. */
@Module({
  imports: [DiscoveryModule, IdentityModule, PortfolioModule, GatesModule],
  controllers: [
    WebController,
    HealthController,
    MetricsController,
    AuthController,
    ApiTokensController,
    UsersController,
    AuditController,
    InboxController,
    ReviewsController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
    RouteAccessAudit,
  ],
})
export class ApiModule {}
