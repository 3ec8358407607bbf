import { containsPattern } from './directory-search';

describe('directory search pattern', () => {
  it('matches the text anywhere', () => {
    expect(containsPattern('ann')).toBe('%ann%');
  });

  it('takes LIKE wildcards and the escape character literally', () => {
    expect(containsPattern('50%_x\\')).toBe('%50\\%\\_x\\\\%');
  });
});
