import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { AccountPage } from '../features/account/AccountPage';
import { AuditProgramme } from '../features/audits/AuditProgramme';
import { InternalAuditPage } from '../features/audits/InternalAuditPage';
import { PlanAuditPage } from '../features/audits/PlanAuditPage';
import { ManagementReviewPage } from '../features/management-review/ManagementReviewPage';
import { ManagementReviewsPage } from '../features/management-review/ManagementReviewsPage';
import { MyReviewActionsPage } from '../features/management-review/MyReviewActionsPage';
import { EvidencePage } from '../features/evidence/EvidencePage';
import { ExperimentLogPage } from '../features/experiments/ExperimentLogPage';
import { ReviewPage } from '../features/gates/ReviewPage';
import { LatestPackage, PackagePage } from '../features/handover/PackagePage';
import { ImprovementPage } from '../features/lean/ImprovementPage';
import { ImprovementRegister } from '../features/lean/ImprovementRegister';
import { ValueStreamRedirect } from '../features/lean/ValueStreamRedirect';
import { InboxPage } from '../features/inbox/InboxPage';
import { FeedbackPage } from '../features/market/FeedbackPage';
import { NonconformityPage } from '../features/nonconformity/NonconformityPage';
import { NonconformityRegister } from '../features/nonconformity/NonconformityRegister';
import { RaiseNonconformityPage } from '../features/nonconformity/RaiseNonconformityPage';
import { DocumentPage } from '../features/qms/DocumentPage';
import { DocumentRegister } from '../features/qms/DocumentRegister';
import { RevisionRedirect } from '../features/qms/RevisionRedirect';
import { TrainingPage } from '../features/qms/TrainingPage';
import { SearchPage } from '../features/search/SearchPage';
import { InitiativePage } from '../features/initiative/InitiativePage';
import { BoardPage } from '../features/portfolio/BoardPage';
import { DashboardPrintRoute, DashboardRoute } from '../features/dashboard/routes';
import { NewInitiativePage } from '../features/portfolio/NewInitiativePage';
import { ProblemMessage } from '../ui/ProblemMessage';
import { Layout } from './Layout';
import {
  AuditPage,
  DeadLettersPage,
  NumberingSchemesPage,
  ReviewIntervalsPage,
  PortfolioEditPage,
  PortfoliosPage,
  ProcessModelEditPage,
  ProcessModelPage,
  ProcessModelsPage,
  TracePage,
  UsersPage,
  WebhooksPage,
} from './lazy-pages';
import { homePath } from './home-path';
import { SessionProvider, useMe, useMeQuery } from './session';
import { SignIn } from './SignIn';

/** Where the API serves the console; the same as vite's base. */
export const CONSOLE_BASE = '/';

const router = createBrowserRouter(
  [
    {
      path: '/',
      element: <Layout />,
      children: [
        { index: true, element: <Home /> },
        { path: 'inbox', element: <InboxPage /> },
        { path: 'portfolio', element: <BoardPage /> },
        { path: 'initiatives/new', element: <NewInitiativePage /> },
        { path: 'initiatives/:id', element: <InitiativePage /> },
        { path: 'initiatives/:id/experiments', element: <ExperimentLogPage /> },
        { path: 'reviews/:id', element: <ReviewPage /> },
        { path: 'initiatives/:id/handover', element: <LatestPackage /> },
        { path: 'packages/:id', element: <PackagePage /> },
        { path: 'packages/:id/trace', element: <TracePage /> },
        { path: 'documents', element: <DocumentRegister /> },
        { path: 'documents/:id', element: <DocumentPage /> },
        { path: 'revisions/:id', element: <RevisionRedirect /> },
        { path: 'training', element: <TrainingPage /> },
        { path: 'nonconformities', element: <NonconformityRegister /> },
        { path: 'nonconformities/new', element: <RaiseNonconformityPage /> },
        { path: 'nonconformities/:id', element: <NonconformityPage /> },
        { path: 'audits', element: <AuditProgramme /> },
        { path: 'audits/new', element: <PlanAuditPage /> },
        { path: 'audits/:id', element: <InternalAuditPage /> },
        { path: 'improvements', element: <ImprovementRegister /> },
        { path: 'improvements/:id', element: <ImprovementPage /> },
        { path: 'value-streams/:id', element: <ValueStreamRedirect /> },
        { path: 'market/feedback/:id', element: <FeedbackPage /> },
        { path: 'management-reviews', element: <ManagementReviewsPage /> },
        { path: 'management-reviews/:id', element: <ManagementReviewPage /> },
        { path: 'management-review-actions', element: <MyReviewActionsPage /> },
        { path: 'evidence', element: <EvidencePage /> },
        { path: 'admin/users', element: <UsersPage /> },
        { path: 'admin/audit', element: <AuditPage /> },
        { path: 'admin/dead-letters', element: <DeadLettersPage /> },
        { path: 'admin/numbering-schemes', element: <NumberingSchemesPage /> },
        { path: 'review-intervals', element: <ReviewIntervalsPage /> },
        { path: 'portfolios', element: <PortfoliosPage /> },
        { path: 'portfolios/:id', element: <PortfolioEditPage /> },
        { path: 'portfolios/:id/webhooks', element: <WebhooksPage /> },
        { path: 'process-models', element: <ProcessModelsPage /> },
        { path: 'process-models/:id', element: <ProcessModelPage /> },
        { path: 'process-models/:id/edit', element: <ProcessModelEditPage /> },
        { path: 'search', element: <SearchPage /> },
        { path: 'account', element: <AccountPage /> },
        { path: 'dashboard', element: <DashboardRoute /> },
        { path: '*', element: <NotFound /> },
      ],
    },
    { path: '/dashboard/print', element: <DashboardPrintRoute /> },
  ],
  { basename: CONSOLE_BASE },
);

/** `/` opens the person's home; an old dashboard bookmark (`/?portfolio=…`) keeps its filters. */
function Home() {
  const me = useMe();
  const { search } = useLocation();
  const home = homePath(me.roles);
  return <Navigate to={home === '/dashboard' ? { pathname: home, search } : home} replace />;
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
    </section>
  );
}

/** Signed out: the sign-in form at whatever address was asked for; signed in: the console. */
export function App() {
  const me = useMeQuery();
  if (me.isPending) return <p aria-busy="true">Loading…</p>;
  if (me.isError) return <ProblemMessage error={me.error} />;
  if (me.data === null) return <SignIn />;
  return (
    <SessionProvider me={me.data}>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
