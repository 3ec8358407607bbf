import { ProcessModelActivation } from '@ambidex/portfolio';
import { randomBytes } from 'node:crypto';
import { TestApp, TestUser } from '../support/test-app';

/** What `npm start` and the API do at start (see apps/shared/src/reference-data.ts): the default process model. */
export async function ensureDefaultModel(app: TestApp): Promise<void> {
  await app.app.get(ProcessModelActivation).ensureDefaultModel();
}

/** The database is shared by suites running side by side: names and words are unique per test. */
export function unique(label: string): string {
  return `${label} ${randomBytes(4).toString('hex')}`;
}

export async function createPortfolio(app: TestApp, user: TestUser, name = unique('Portfolio')): Promise<string> {
  const response = await app.request({ method: 'POST', url: '/api/portfolios', token: user.token, body: { name } });
  if (response.status !== 201) throw new Error(`create portfolio: ${response.status} ${response.body}`);
  return response.json<{ id: string }>().id;
}

export interface InitiativeBody {
  portfolioId: string;
  title: string;
  problem: string;
  valueHypothesis: string;
  horizon: string;
  ambition: string;
  innovationType: string;
  [field: string]: unknown;
}

export function initiativeBody(portfolioId: string, overrides: Partial<InitiativeBody> = {}): InitiativeBody {
  return {
    portfolioId,
    title: unique('Initiative'),
    problem: `Problem ${randomBytes(6).toString('hex')}`,
    valueHypothesis: 'Customers will pay for it',
    horizon: 'H2',
    ambition: 'adjacent',
    innovationType: 'product',
    ...overrides,
  };
}

export interface CreatedInitiative {
  id: string;
  version: number;
  ownerId: string;
  processModel: { id: string; key: string; version: number };
  deliverables: { gate: string; key: string; status: string; note: string | null }[];
  possibleDuplicates: { id: string; similarity: number }[];
  [field: string]: unknown;
}

export async function createInitiative(app: TestApp, user: TestUser, body: InitiativeBody): Promise<CreatedInitiative> {
  const response = await app.request({ method: 'POST', url: '/api/initiatives', token: user.token, body });
  if (response.status !== 201) throw new Error(`create initiative: ${response.status} ${response.body}`);
  return response.json<CreatedInitiative>();
}

/** Rows a use case would write; a refused request must leave every count as it was. */
export async function writes(app: TestApp): Promise<number[]> {
  return Promise.all(
    [
      'portfolios',
      'initiatives',
      'initiative_deliverables',
      'stage_events',
      'audit_entries',
      'outbox_events',
      'process_models',
      'webhook_subscriptions',
    ].map((table) => app.count(table)),
  );
}
