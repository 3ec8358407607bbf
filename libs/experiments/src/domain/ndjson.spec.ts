import { UNPARSEABLE } from './ingest-entry';
import { parseNdjson } from './ndjson';

describe('parseNdjson', () => {
  it('keeps line order, skips blank lines and marks broken lines in place', () => {
    const entries = parseNdjson('{"a":1}\r\n\n{broken\n{"b":2}\n');
    expect(entries).toHaveLength(3);
    expect(entries[0]).toEqual({ a: 1 });
    expect(entries[1]).toEqual({ [UNPARSEABLE]: expect.any(String) });
    expect(entries[2]).toEqual({ b: 2 });
  });
});
