import { Role, UsersService } from '@ambidex/identity';
import { SYSTEM_ACTOR } from '@ambidex/platform';
import { uniqueEmail } from '@ambidex/testing';
import { randomBytes } from 'node:crypto';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';

interface Person {
  id: string;
  displayName: string;
  roles: Role[];
}

/**
 * The people directory behind the console's person picker: any signed-in user finds active people by name and
 * role, and gets ids, names and roles only. Other suites share the database, so every name here carries a tag.
 */
describe('user directory', () => {
  let api: TestApp;
  let gatekeeper: TestUser;
  const tag = randomBytes(4).toString('hex');
  const ids: Record<string, string> = {};

  const person = async (key: string, displayName: string, roles: Role[], active = true): Promise<void> => {
    const users = api.app.get(UsersService);
    const user = await users.create(SYSTEM_ACTOR, {
      email: uniqueEmail(key),
      displayName,
      password: TEST_PASSWORD,
      roles,
    });
    if (!active) await users.update(SYSTEM_ACTOR, user.id, { active: false });
    ids[key] = user.id;
  };

  const search = (query: string, token = gatekeeper.token) =>
    api.request({ url: `/api/users/directory?${query}`, token });

  beforeAll(async () => {
    api = await TestApp.start();
    gatekeeper = await api.newUser(['gatekeeper'], 'directory-reader');
    await person('quality', `Zoë Quality ${tag}`, ['quality_head']);
    await person('lead', `anna Lead ${tag}`, ['innovation_lead', 'gatekeeper']);
    await person('gone', `Bert Gone ${tag}`, ['quality_head'], false);
    await person('underscore', `Pat_${tag}`, ['leadership']);
    await person('lookalike', `PatX${tag}`, ['leadership']);
  });
  afterAll(() => api.close());

  it('answers only signed-in callers, with a problem', async () => {
    const response = await api.request({ url: `/api/users/directory?q=${tag}` });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('finds active people by part of their name in any case, sorted by name, with id, name and roles only', async () => {
    const response = await search(`q=${tag.toUpperCase()}`);
    expect(response.status).toBe(200);
    const people = response.json<Person[]>();
    expect(people).toEqual([
      { id: ids.lead, displayName: `anna Lead ${tag}`, roles: ['innovation_lead', 'gatekeeper'] },
      { id: ids.underscore, displayName: `Pat_${tag}`, roles: ['leadership'] },
      { id: ids.lookalike, displayName: `PatX${tag}`, roles: ['leadership'] },
      { id: ids.quality, displayName: `Zoë Quality ${tag}`, roles: ['quality_head'] },
    ]);
    // The deactivated quality head is nobody to pick; no email reaches a non-admin (nor anyone: one shape for all).
    expect(response.body).not.toContain('Bert Gone');
    expect(response.body).not.toContain('@');
  });

  it('filters by role, and an admin gets the same shape', async () => {
    const admin = await api.newUser(['admin'], 'directory-admin');
    const approvers = await search(`q=${tag}&role=quality_head`, admin.token);
    expect(approvers.json()).toEqual([{ id: ids.quality, displayName: `Zoë Quality ${tag}`, roles: ['quality_head'] }]);
    const gatekeepers = await search(`role=gatekeeper&q=${encodeURIComponent(`anna lead ${tag}`)}`);
    expect(gatekeepers.json<Person[]>().map((p) => p.id)).toEqual([ids.lead]);
  });

  it('takes LIKE wildcards literally and caps the answer at the limit', async () => {
    const literal = await search(`q=${encodeURIComponent(`Pat_${tag}`)}`);
    expect(literal.json<Person[]>().map((p) => p.id)).toEqual([ids.underscore]);
    const wildcard = await search(`q=${encodeURIComponent(`%${tag}`)}`);
    expect(wildcard.json<Person[]>()).toEqual([]);
    const two = await search(`q=${tag}&limit=2`);
    expect(two.json<Person[]>().map((p) => p.id)).toEqual([ids.lead, ids.underscore]);
    const unfiltered = await search('limit=50');
    expect(unfiltered.json<Person[]>().length).toBeGreaterThan(0);
    expect(unfiltered.json<Person[]>().length).toBeLessThanOrEqual(50);
  });

  it('names one person by id, with the role asked for, and nobody deactivated', async () => {
    expect((await search(`id=${ids.lead}&role=innovation_lead`)).json()).toEqual([
      { id: ids.lead, displayName: `anna Lead ${tag}`, roles: ['innovation_lead', 'gatekeeper'] },
    ]);
    expect((await search(`id=${ids.quality}&role=innovation_lead`)).json()).toEqual([]);
    expect((await search(`id=${ids.gone}`)).json()).toEqual([]);
  });

  it.each([
    ['an unknown role', 'role=root', 'role'],
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit over 50', 'limit=51', 'limit'],
    ['a limit that is no number', 'limit=many', 'limit'],
    ['a search over 100 characters', `q=${'x'.repeat(101)}`, 'q'],
    ['an unknown parameter', 'email=a', 'email'],
    ['an id that is no UUID', 'id=anna', 'id'],
  ])('%s is a 422 problem naming the parameter', async (_, query, field) => {
    const response = await search(query);
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ code: string; errors: { field: string }[] }>();
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(problem.errors.map((e) => e.field)).toContain(field);
  });

  it('is documented: any signed-in user, the query parameters, and the person schema without email', async () => {
    const document = (await api.request({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { 'x-ambidex-access': string; parameters: { name: string }[] }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>();
    const operation = document.paths['/api/users/directory']?.get;
    expect(operation?.['x-ambidex-access']).toBe('any signed-in user');
    expect(operation?.parameters.map((p) => p.name).sort()).toEqual(['id', 'limit', 'q', 'role']);
    expect(Object.keys(document.components.schemas.DirectoryUserDto?.properties ?? {}).sort()).toEqual([
      'displayName',
      'id',
      'roles',
    ]);
  });
});
