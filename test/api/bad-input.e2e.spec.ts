import { testConfig } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';

/** Bad input gets a precise 4xx problem+json, never a 5xx, and writes nothing. */
describe('bad input', () => {
  let api: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    // A database of its own: "writes nothing" counts whole tables, which suites running alongside write to.
    api = await TestApp.startIsolated({
      config: { ...testConfig(), http: { ...testConfig().http, bodyLimitBytes: 4096 } },
    });
    admin = await api.newUser(['admin']);
  });
  afterAll(() => api.close());

  const writes = async (): Promise<number[]> =>
    Promise.all(['users', 'audit_entries', 'outbox_events', 'api_tokens'].map((table) => api.count(table)));

  const validUser = {
    email: 'valid@test.ambidex.local',
    displayName: 'Valid',
    password: 'a-long-enough-secret',
    roles: ['gatekeeper'],
  };

  it.each([
    ['an unknown field', { ...validUser, isRoot: true }, 422, 'isRoot'],
    ['a wrong type', { ...validUser, roles: 'admin' }, 422, 'roles'],
    ['an unknown role', { ...validUser, roles: ['superuser'] }, 422, 'roles'],
    ['a missing field', { email: validUser.email, password: validUser.password, roles: ['admin'] }, 422, 'displayName'],
    ['a bad email', { ...validUser, email: 'not-an-email' }, 422, 'email'],
    ['a short password', { ...validUser, password: 'short' }, 422, 'password'],
    ['a JSON array instead of an object', [validUser], 422, null],
  ])('%s is refused, naming the field', async (_, body, status, field) => {
    const before = await writes();
    const response = await api.request({ method: 'POST', url: '/api/admin/users', token: admin.token, body });
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ code: string; errors?: { field: string }[] }>();
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    if (field !== null) expect(problem.errors?.map((e) => e.field)).toContain(field);
    await expect(writes()).resolves.toEqual(before);
  });

  it.each([
    ['malformed JSON', '{"email": ', { 'content-type': 'application/json' }, 400],
    ['an unsupported content type', 'email=a', { 'content-type': 'text/csv' }, 415],
    [
      'a body over the size limit',
      JSON.stringify({ ...validUser, displayName: 'x'.repeat(10_000) }),
      { 'content-type': 'application/json' },
      413,
    ],
  ])('%s is refused with a problem', async (_, payload, headers, status) => {
    const before = await writes();
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      payload,
      headers: { ...headers, authorization: `Bearer ${admin.token}` },
    });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, code: expect.any(String), detail: expect.any(String) });
    await expect(writes()).resolves.toEqual(before);
  });

  it('a path id that is not a UUID is a 422 naming it, and an unknown one a 404', async () => {
    const bad = await api.request({ url: '/api/admin/users/42', token: admin.token });
    expect(bad.status).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'id', reason: 'id must be a UUID' }] });
    const missing = await api.request({
      url: '/api/admin/users/00000000-0000-4000-8000-000000000000',
      token: admin.token,
    });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'IDENTITY.USER_NOT_FOUND' });
  });

  it('an unknown route is a 404 in the same format', async () => {
    const response = await api.request({ url: '/api/no-such-thing', token: admin.token });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, code: 'HTTP.404', instance: '/api/no-such-thing' });
  });
});
