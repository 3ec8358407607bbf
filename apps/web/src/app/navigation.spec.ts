import { shadowedOn } from './navigation';

describe('navigation links', () => {
  it('the register link gives way to "Raise a nonconformity" on that page only', () => {
    expect(shadowedOn('/nonconformities', '/nonconformities/new')).toBe(true);
    expect(shadowedOn('/nonconformities', '/nonconformities')).toBe(false);
    expect(shadowedOn('/nonconformities', '/nonconformities/4f1c2b7e-0000-4000-8000-000000000001')).toBe(false);
    expect(shadowedOn('/nonconformities/new', '/nonconformities/new')).toBe(false);
  });

  it('a link with no more specific link under it is never shadowed', () => {
    expect(shadowedOn('/documents', '/documents/123')).toBe(false);
  });
});
