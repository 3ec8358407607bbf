import { lazy, Suspense, type ReactNode } from 'react';
import { RequireRole } from '../../ui/RequireRole';

/** The dashboard's code loads only for those it is for: other roles never download it. */
const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));
const PrintPage = lazy(() => import('./PrintPage').then((m) => ({ default: m.PrintPage })));

export const DASHBOARD_ROLES = ['leadership', 'admin'] as const;

function ForLeadership({ children }: { children: ReactNode }) {
  return (
    <RequireRole roles={DASHBOARD_ROLES}>
      <Suspense fallback={<p aria-busy="true">Loading the dashboard…</p>}>{children}</Suspense>
    </RequireRole>
  );
}

/** /dashboard, inside the console's layout. */
export function DashboardRoute() {
  return (
    <ForLeadership>
      <DashboardPage />
    </ForLeadership>
  );
}

/** /dashboard/print: a page of its own, without the console's navigation, for paper. */
export function DashboardPrintRoute() {
  return (
    <main id="main" className="print-main">
      <ForLeadership>
        <PrintPage />
      </ForLeadership>
    </main>
  );
}
