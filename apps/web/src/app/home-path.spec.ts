import { homePath } from './home-path';

describe('the console home by role', () => {
  it('sends leadership to the dashboard unless they also lead initiatives', () => {
    expect(homePath(['leadership'])).toBe('/dashboard');
    expect(homePath(['leadership', 'gatekeeper'])).toBe('/dashboard');
    expect(homePath(['leadership', 'innovation_lead'])).toBe('/inbox');
  });

  it('sends everyone else, admins included, to their work', () => {
    expect(homePath(['admin'])).toBe('/inbox');
    expect(homePath(['gatekeeper'])).toBe('/inbox');
    expect(homePath(['innovation_lead'])).toBe('/inbox');
    expect(homePath([])).toBe('/inbox');
  });
});
