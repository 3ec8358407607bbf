import { nestsDeeperThan } from './json-body';

describe('nestsDeeperThan', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":[1]}', 1, true],
    ['{"a":[1]}', 2, false],
    ['[[[]]]', 2, true],
    ['[[],[],[]]', 2, false],
    ['{"a":"[[[[[["}', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
    ['{"a":"\\\\"}', 1, false],
    ['{"a":"\\\\","b":[[[]]]}', 4, false],
    ['{"a":"\\\\","b":[[[]]]}', 3, true],
  ])('%s nests deeper than %i: %s', (text, limit, expected) => {
    expect(nestsDeeperThan(text, limit)).toBe(expected);
  });

  it('stops at the first bracket over the limit, whatever follows', () => {
    expect(nestsDeeperThan(`${'['.repeat(33)}${'x'.repeat(1_000_000)}`, 32)).toBe(true);
  });
});
