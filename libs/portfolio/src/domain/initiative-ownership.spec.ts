import { ownsOrAdministers } from './initiative-ownership';

describe('ownsOrAdministers', () => {
  const initiative = { ownerId: 'owner' };

  it('lets the owner act, whatever their roles', () => {
    expect(ownsOrAdministers({ userId: 'owner', roles: ['innovation_lead'] }, initiative)).toBe(true);
  });

  it('lets an admin act on an initiative they do not own', () => {
    expect(ownsOrAdministers({ userId: 'someone', roles: ['gatekeeper', 'admin'] }, initiative)).toBe(true);
  });

  it('refuses anyone else, leadership included', () => {
    expect(ownsOrAdministers({ userId: 'someone', roles: ['innovation_lead', 'leadership'] }, initiative)).toBe(false);
  });
});
