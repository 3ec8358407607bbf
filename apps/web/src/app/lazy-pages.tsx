import { lazy, Suspense, type ComponentType } from 'react';

/**
 * Pages that few people open (settings, admin, the trace graph) load on their first visit, so the console's first load
 * stays small for everyone else. Each becomes a chunk of its own in the build.
 */
function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const Page = lazy(async () => ({ default: await load() }));
  return function LazyPage() {
    return (
      <Suspense fallback={<p aria-busy="true">Loading…</p>}>
        <Page />
      </Suspense>
    );
  };
}

export const UsersPage = lazyPage(() => import('../features/admin/UsersPage').then((m) => m.UsersPage));
export const AuditPage = lazyPage(() => import('../features/admin/AuditPage').then((m) => m.AuditPage));
export const DeadLettersPage = lazyPage(() =>
  import('../features/admin/dead-letters/DeadLettersPage').then((m) => m.DeadLettersPage),
);
export const NumberingSchemesPage = lazyPage(() =>
  import('../features/admin/numbering/NumberingSchemesPage').then((m) => m.NumberingSchemesPage),
);
export const ReviewIntervalsPage = lazyPage(() =>
  import('../features/qms/review-intervals/ReviewIntervalsPage').then((m) => m.ReviewIntervalsPage),
);
export const PortfoliosPage = lazyPage(() =>
  import('../features/admin/portfolios/PortfoliosPage').then((m) => m.PortfoliosPage),
);
export const PortfolioEditPage = lazyPage(() =>
  import('../features/admin/portfolios/PortfolioEditPage').then((m) => m.PortfolioEditPage),
);
export const WebhooksPage = lazyPage(() =>
  import('../features/admin/webhooks/WebhooksPage').then((m) => m.WebhooksPage),
);
export const ProcessModelsPage = lazyPage(() =>
  import('../features/process-models/ProcessModelsPage').then((m) => m.ProcessModelsPage),
);
export const ProcessModelPage = lazyPage(() =>
  import('../features/process-models/ProcessModelPage').then((m) => m.ProcessModelPage),
);
export const ProcessModelEditPage = lazyPage(() =>
  import('../features/process-models/ProcessModelEditPage').then((m) => m.ProcessModelEditPage),
);
export const TracePage = lazyPage(() => import('../features/handover/TracePage').then((m) => m.TracePage));
