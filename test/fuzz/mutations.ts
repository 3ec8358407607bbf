import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

const deep = (levels: number): unknown => (levels === 0 ? [] : [deep(levels - 1)]);

/** Values no schema of the API accepts where it expects something else, or accepts only at its very edge. */
export const BAD_VALUES: readonly unknown[] = [
  null,
  [],
  [[]],
  [{}],
  {},
  { nested: { deeper: [null] } },
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  'é'.repeat(3000),
  'x'.repeat(70_000),
  -1,
  0,
  1.5,
  -0.000001,
  1e308,
  -1e308,
  2 ** 53 + 1,
  9.999999999999999e22,
  true,
  false,
  '1',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '2026-13-45T25:61:00Z',
  '0000-00-00',
  '+275760-09-13T00:00:00.000Z',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  '__proto__',
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
  deep(20),
  ['a', 'a'],
  [null],
  [1, 'two', { three: 3 }],
];

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], into: Path[] = []): Path[] {
  if (Array.isArray(value))
    value.forEach((item, index) => {
      into.push([...prefix, index]);
      pathsOf(item, [...prefix, index], into);
    });
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      into.push([...prefix, key]);
      pathsOf(item, [...prefix, key], into);
    }
  return into;
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** One change that makes a valid body invalid: a value replaced by a bad one, a field dropped, or an unknown field added. */
export interface Mutation {
  kind: 'replace' | 'drop' | 'add' | 'whole';
  at: number;
  bad: unknown;
}

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'replace', 'drop', 'add', 'whole'),
  at: fc.nat(),
  bad: fc.oneof(fc.constantFrom(...BAD_VALUES), fc.constant(randomUUID()), fc.anything({ maxDepth: 3 })),
});

export function mutated(value: unknown, mutation: Mutation): unknown {
  if (mutation.kind === 'whole') return mutation.bad;
  const body = clone(value);
  const paths = pathsOf(body);
  if (mutation.kind === 'add' || paths.length === 0) {
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return { ...body, [`unknown${mutation.at % 7}`]: mutation.bad };
    return mutation.bad;
  }
  const path = paths[mutation.at % paths.length] ?? [];
  let parent = body as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (mutation.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = mutation.bad;
  }
  return body;
}
