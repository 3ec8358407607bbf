import { testConfig } from '@ambidex/testing';
import { rowCounts } from '../support/row-counts';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';

const nested = (depth: number): string => `{"email":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;

/** What Fastify answers before any controller runs is a problem too, and only JSON reaches a write. */
describe('HTTP edge', () => {
  let api: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    // A database of its own: "writes nothing" compares the row counts of every table.
    api = await TestApp.startIsolated({
      config: { ...testConfig(), http: { ...testConfig().http, bodyLimitBytes: 1_000_000 } },
    });
    user = await api.newUser(['innovation_lead']);
  });
  afterAll(() => api.close());

  const expectProblem = (
    response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
    code?: string,
  ): void => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, ...(code === undefined ? {} : { code }) });
  };

  describe('deeply nested JSON', () => {
    it.each([5_000, 400_000])(
      '%i levels of brackets on the public login are a 400 before any parsing',
      async (depth) => {
        const response = await api.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: nested(depth),
          headers: { 'content-type': 'application/json' },
        });
        expectProblem(response, 400, 'REQUEST.BODY_TOO_DEEP');
      },
    );

    it('also on an authenticated write and on NDJSON ingestion, writing nothing', async () => {
      const before = await rowCounts(api.dataSource);
      const json = await api.app.inject({
        method: 'POST',
        url: '/api/me/api-tokens',
        payload: `{"name":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      });
      expectProblem(json, 400, 'REQUEST.BODY_TOO_DEEP');
      const ndjson = await api.app.inject({
        method: 'POST',
        url: '/api/ingest/batches',
        payload: `{"type":"result","value":${'['.repeat(5_000)}${']'.repeat(5_000)}}\n`,
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${user.token}` },
      });
      expectProblem(ndjson, 400, 'REQUEST.BODY_TOO_DEEP');
      await expect(rowCounts(api.dataSource)).resolves.toEqual(before);
    });

    it('brackets inside strings do not count, and a body at the limit is parsed', async () => {
      const response = await api.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { email: `${'['.repeat(100)}@x.io`, password: 'x'.repeat(12) },
      });
      expect(response.status).toBe(422);
      const atLimit = await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: nested(31),
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(atLimit, 422, 'REQUEST.VALIDATION_FAILED');
    });
  });

  describe('media types', () => {
    it.each([
      ['a form', 'application/x-www-form-urlencoded', 'name=x'],
      ['plain text', 'text/plain', '{"name":"x"}'],
      [
        'a multipart form',
        'multipart/form-data; boundary=b',
        '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n',
      ],
      ['NDJSON outside the ingestion route', 'application/x-ndjson', '{"name":"x"}\n'],
    ])('%s on a JSON write is a 415 and writes nothing', async (_, contentType, payload) => {
      const before = await rowCounts(api.dataSource);
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/me/api-tokens',
        payload,
        headers: { 'content-type': contentType, authorization: `Bearer ${user.token}` },
      });
      expectProblem(response, 415);
      await expect(rowCounts(api.dataSource)).resolves.toEqual(before);
    });

    it('an empty form post to a write without a body is a 415 too', async () => {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        payload: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${user.token}` },
      });
      expectProblem(response, 415);
    });
  });

  describe('CSRF for cookie sign-in', () => {
    const cookiesOf = (setCookie: unknown): Record<string, string> =>
      Object.fromEntries(
        (Array.isArray(setCookie) ? setCookie : [setCookie]).map(
          (c: string) => c.split(';')[0]?.split('=') as [string, string],
        ),
      );

    it('a write by cookie needs the x-csrf-token header equal to the csrf cookie; bearer writes do not', async () => {
      const login = await api.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { email: user.email, password: TEST_PASSWORD },
      });
      const jar = cookiesOf(login.headers['set-cookie']);
      expect(jar.ambidex_csrf).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(String(login.headers['set-cookie'])).not.toMatch(/ambidex_csrf=[^;]*;[^,]*HttpOnly/);
      const cookie = `ambidex_access=${jar.ambidex_access}; ambidex_csrf=${jar.ambidex_csrf}`;
      const before = await api.count('api_tokens');

      const withoutHeader = await api.request({
        method: 'POST',
        url: '/api/me/api-tokens',
        headers: { cookie },
        body: { name: 'cross-site' },
      });
      expect(withoutHeader.status).toBe(403);
      expect(withoutHeader.json()).toMatchObject({ code: 'AUTH.CSRF_TOKEN_MISMATCH' });
      const wrongHeader = await api.request({
        method: 'POST',
        url: '/api/me/api-tokens',
        headers: { cookie, 'x-csrf-token': 'guessed' },
        body: { name: 'cross-site' },
      });
      expect(wrongHeader.status).toBe(403);
      await expect(api.count('api_tokens')).resolves.toBe(before);

      const reads = await api.request({ url: '/api/auth/me', headers: { cookie } });
      expect(reads.status).toBe(200);
      const sameSite = await api.request({
        method: 'POST',
        url: '/api/me/api-tokens',
        headers: { cookie, 'x-csrf-token': jar.ambidex_csrf ?? '' },
        body: { name: 'page' },
      });
      expect(sameSite.status).toBe(201);
      const bearer = await api.request({
        method: 'POST',
        url: '/api/me/api-tokens',
        token: user.token,
        body: { name: 'script' },
      });
      expect(bearer.status).toBe(201);
    });
  });

  describe("the router's own refusals", () => {
    it('a 3,000-character path id is a 414 problem', async () => {
      const response = await api.app.inject({
        method: 'GET',
        url: `/api/assumptions/${'a'.repeat(3_000)}`,
        headers: { authorization: `Bearer ${user.token}` },
      });
      expectProblem(response, 414, 'FST_ERR_MAX_PARAM_LENGTH');
    });

    it('a malformed URL is a 400 problem', async () => {
      const response = await api.app.inject({
        method: 'GET',
        url: '/api/assumptions/%E0%A4%A',
        headers: { authorization: `Bearer ${user.token}` },
      });
      expectProblem(response, 400);
    });
  });
});
