import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AccountPage } from '../features/account/AccountPage';
import { ExperimentLogPage } from '../features/experiments/ExperimentLogPage';
import { ReviewPage } from '../features/gates/ReviewPage';
import { LatestPackage, PackagePage } from '../features/handover/PackagePage';
import { TracePage } from '../features/handover/TracePage';
import { AuditPage } from '../features/admin/AuditPage';
import { UsersPage } from '../features/admin/UsersPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { DocumentPage } from '../features/qms/DocumentPage';
import { DocumentRegister } from '../features/qms/DocumentRegister';
import { RevisionRedirect } from '../features/qms/RevisionRedirect';
import { TrainingPage } from '../features/qms/TrainingPage';
import { SearchPage } from '../features/search/SearchPage';
import { InitiativePage } from '../features/initiative/InitiativePage';
import { BoardPage } from '../features/portfolio/BoardPage';
import { NewInitiativePage } from '../features/portfolio/NewInitiativePage';
import { ProblemMessage } from '../ui/ProblemMessage';
import { Layout } from './Layout';
import { SessionProvider, useMeQuery } from './session';
import { SignIn } from './SignIn';

/** Where the API serves the console; the same as vite's base. */
export const CONSOLE_BASE = '/';

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
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
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
], { basename: CONSOLE_BASE });

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
