import { TestApp } from '../support/test-app';

interface Operation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
  'x-ambidex-access'?: string;
}

describe('OpenAPI document', () => {
  let api: TestApp;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    api = await TestApp.start();
    const response = await api.request({ url: '/api/openapi.json' });
    expect(response.status).toBe(200);
    paths = response.json<{ paths: typeof paths }>().paths;
  });
  afterAll(() => api.close());

  const operations = (): [string, Operation][] =>
    Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
    );

  it('describes the API routes', () => {
    expect(operations().map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/admin/users',
        'GET /api/admin/audit/verify',
        'GET /health/ready',
      ]),
    );
  });

  it('gives every operation a summary, its access rule and a success response', () => {
    for (const [name, op] of operations()) {
      expect({ name, summary: typeof op.summary }).toEqual({ name, summary: 'string' });
      expect({ name, access: typeof op['x-ambidex-access'] }).toEqual({ name, access: 'string' });
      expect({ name, success: Object.keys(op.responses).some((s) => s.startsWith('2')) }).toEqual({
        name,
        success: true,
      });
    }
  });

  it('documents the problem+json errors of every protected operation', () => {
    for (const [name, op] of operations().filter(([, op]) => op['x-ambidex-access'] !== 'public')) {
      for (const status of ['401', '403']) {
        expect({ name, status, type: Object.keys(op.responses[status]?.content ?? {}) }).toEqual({
          name,
          status,
          type: ['application/problem+json'],
        });
      }
    }
  });

  it('serves the browsable docs', async () => {
    const docs = await api.request({ url: '/api/docs' });
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
