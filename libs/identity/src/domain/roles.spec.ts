import { hasAnyRole, isRole, normaliseRoles, ROLES } from './roles';

describe('roles', () => {
  it.each(ROLES)('%s is a role', (role) => expect(isRole(role)).toBe(true));
  it.each(['root', '', 'Admin', 42, null])('%p is not a role', (value) => expect(isRole(value)).toBe(false));

  it('needs one of the wanted roles', () => {
    expect(hasAnyRole(['gatekeeper'], ['admin', 'gatekeeper'])).toBe(true);
    expect(hasAnyRole(['gatekeeper'], ['admin'])).toBe(false);
    expect(hasAnyRole([], ['admin'])).toBe(false);
  });

  it('normalises to the canonical order without duplicates', () => {
    expect(normaliseRoles(['admin', 'gatekeeper', 'admin'])).toEqual(['gatekeeper', 'admin']);
  });
});
