import { AuthenticationService, ROLES } from '@ambidex/identity';
import { testConfig } from '@ambidex/testing';
import { Controller, Get, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessGuard } from '../../apps/api/src/auth/access.guard';
import { TestApp, TestUser } from '../support/test-app';

@Controller('api/test-undeclared')
class UndeclaredController {
  @Get()
  leak(): { secret: string } {
    return { secret: 'should never be served' };
  }
}
@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

describe('access control', () => {
  let api: TestApp;
  const users: Partial<Record<(typeof ROLES)[number], TestUser>> = {};

  beforeAll(async () => {
    api = await TestApp.start();
    for (const role of ROLES) users[role] = await api.newUser([role]);
  });
  afterAll(() => api.close());

  it('refuses to start an API with a route that declares no access rule', async () => {
    await expect(TestApp.start({ config: testConfig(), extraModules: [UndeclaredModule] })).rejects.toThrow(
      /UndeclaredController\.leak/,
    );
  });

  it('the guard denies such a route at run time too, even to an admin', async () => {
    const guard = new AccessGuard(new Reflector(), api.app.get(AuthenticationService));
    const context = {
      getHandler: () => UndeclaredController.prototype.leak,
      getClass: () => UndeclaredController,
      switchToHttp: () => ({ getRequest: () => ({ headers: { authorization: `Bearer ${users.admin?.token}` } }) }),
    };
    await expect(guard.canActivate(context as never)).rejects.toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
  });

  it('gives anonymous callers nothing but the public routes', async () => {
    for (const url of ['/api/auth/me', '/api/admin/users', '/api/admin/audit/verify', '/api/me/api-tokens']) {
      const response = await api.request({ url });
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'IDENTITY.NOT_AUTHENTICATED' });
    }
    await expect(api.request({ url: '/health/live' })).resolves.toMatchObject({ status: 200 });
    await expect(api.request({ url: '/admin/queues' })).resolves.toMatchObject({ status: 401 });
  });

  it.each(ROLES.filter((role) => role !== 'admin'))(
    'a %s cannot manage users, verify the audit trail or see the queues',
    async (role) => {
      const token = users[role]?.token;
      for (const url of ['/api/admin/users', '/api/admin/audit/verify', '/admin/queues']) {
        const response = await api.request({ url, token });
        expect(response.status).toBe(403);
        expect(response.json()).toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
      }
      const created = await api.request({
        method: 'POST',
        url: '/api/admin/users',
        token,
        body: { email: 'x@y.local', displayName: 'X', password: 'long-enough-password', roles: ['admin'] },
      });
      expect(created.status).toBe(403);
      await expect(api.count(`users WHERE email = 'x@y.local'`)).resolves.toBe(0);
    },
  );

  it.each(ROLES)('a %s sees their own profile', async (role) => {
    const response = await api.request({ url: '/api/auth/me', token: users[role]?.token });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ email: users[role]?.email, roles: [role], via: 'session' });
  });

  it('an admin manages users, verifies the audit trail and opens the queue dashboard', async () => {
    const token = users.admin?.token;
    await expect(api.request({ url: '/api/admin/users', token })).resolves.toMatchObject({ status: 200 });
    const verify = await api.request({ url: '/api/admin/audit/verify', token });
    expect(verify.status).toBe(200);
    expect(verify.json()).toMatchObject({ ok: true });
    const dashboard = await api.request({ url: '/admin/queues', token });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain('<html');
    // Every queue the contexts registered, though this API process runs no worker.
    const queues = await api.request({ url: '/admin/queues/api/queues', token });
    expect(queues.status).toBe(200);
    expect((queues.json() as { queues: { name: string }[] }).queues.map((queue) => queue.name).sort()).toEqual([
      'domain-events',
      'gates',
      'handover',
      'ingest',
      'insights',
      'insights-apply',
      'lean',
      'mail',
      'maintenance',
      'management-review',
      'market',
      'nonconformity',
      'portfolio',
      'webhooks',
    ]);
  });

  it('a forged or expired token gets nothing', async () => {
    const forged = `${users.admin?.token.split('.')[0]}.AAAA`;
    await expect(api.request({ url: '/api/auth/me', token: forged })).resolves.toMatchObject({ status: 401 });
  });
});
