import fc from 'fast-check';
import {
  decodeCursor,
  encodeCursor,
  INITIATIVE_SORTS,
  likePattern,
  ListingCursor,
  SORT_DIRECTIONS,
} from './listing-cursor';

const ID = '0b7e2d5c-8f3a-4c1e-9d2b-6a5f4e3d2c1b';

describe('listing cursor', () => {
  it('round-trips every sort and direction', () => {
    const timestamp = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .chain((d) =>
        fc.integer({ min: 0, max: 999 }).map((us) => d.toISOString().replace('Z', `${String(us).padStart(3, '0')}Z`)),
      );
    fc.assert(
      fc.property(
        fc.constantFrom(...INITIATIVE_SORTS),
        fc.constantFrom(...SORT_DIRECTIONS),
        timestamp,
        fc.string({ maxLength: 300 }),
        fc.uuid(),
        (sort, direction, ts, title, id) => {
          const cursor: ListingCursor = { sort, direction, value: sort === 'title' ? title : ts, id };
          const encoded = encodeCursor(cursor);
          expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(decodeCursor(encoded)).toEqual(cursor);
        },
      ),
    );
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an object', Buffer.from('{"sort":"title"}').toString('base64url')],
    ['an unknown sort', Buffer.from(JSON.stringify(['priority', 'asc', 'x', ID])).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify(['title', 'asc', 'x', 'not-a-uuid'])).toString('base64url')],
    ['a bad direction', Buffer.from(JSON.stringify(['title', 'up', 'x', ID])).toString('base64url')],
    [
      'a timestamp without microseconds',
      Buffer.from(JSON.stringify(['createdAt', 'asc', '2026-01-01T00:00:00Z', ID])).toString('base64url'),
    ],
    [
      'a timestamp that is SQL',
      Buffer.from(JSON.stringify(['updatedAt', 'asc', "now()'; DROP TABLE x; --", ID])).toString('base64url'),
    ],
    ['too long', 'A'.repeat(5000)],
  ])('refuses %s', (_, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (raw) => void decodeCursor(raw)));
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
