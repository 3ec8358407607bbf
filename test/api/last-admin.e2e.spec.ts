import { TestApp } from '../support/test-app';

/** Needs to know every admin there is, so it runs on a database of its own. */
describe('the last admin', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.startIsolated();
  });
  afterAll(() => api.close());

  it('cannot be demoted or deactivated, and the refusal changes nothing', async () => {
    const admin = await api.newUser(['admin']);
    const before = await api.count('audit_entries');
    for (const body of [{ roles: ['gatekeeper'] }, { active: false }]) {
      const response = await api.request({
        method: 'PATCH',
        url: `/api/admin/users/${admin.id}`,
        token: admin.token,
        body,
      });
      expect(response.status).toBe(409);
      expect(response.json()).toMatchObject({ code: 'IDENTITY.LAST_ADMIN' });
    }
    await expect(api.count('audit_entries')).resolves.toBe(before);
    await expect(api.request({ url: '/api/auth/me', token: admin.token })).resolves.toMatchObject({ status: 200 });

    const second = await api.newUser(['admin']);
    const demoted = await api.request({
      method: 'PATCH',
      url: `/api/admin/users/${admin.id}`,
      token: second.token,
      body: { roles: ['gatekeeper'] },
    });
    expect(demoted.json()).toMatchObject({ roles: ['gatekeeper'] });
  });
});
