import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProblem } from './api/problem';
import { App } from './app/App';
import { INBOX_KEY } from './app/Layout';
import './ui/styles.css';

const queries: QueryClient = new QueryClient({
  // Any write may finish or add something in My work (a scorecard, a decision, an approval): its count follows.
  mutationCache: new MutationCache({
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: INBOX_KEY });
    },
  }),
  defaultOptions: {
    // A 4xx will not change by asking again; retry only what may be passing (network, 5xx).
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ApiProblem && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
