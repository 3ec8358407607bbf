import { checkShares, checkTargets, DEFAULT_AMBITION_TARGETS, DEFAULT_HORIZON_TARGETS } from './portfolio-targets';

describe('portfolio targets', () => {
  it('accepts the defaults and shares with decimals summing to 100', () => {
    expect(
      checkTargets({ ambitionTargets: DEFAULT_AMBITION_TARGETS, horizonTargets: DEFAULT_HORIZON_TARGETS }),
    ).toEqual([]);
    expect(checkTargets({ horizonTargets: { H1: 33.3, H2: 33.3, H3: 33.4 } })).toEqual([]);
    expect(checkTargets({ ambitionTargets: { core: 100, adjacent: 0, transformational: 0 } })).toEqual([]);
  });

  it('names the target whose shares do not sum to 100', () => {
    expect(checkTargets({ ambitionTargets: { core: 70, adjacent: 20, transformational: 0 } })).toEqual([
      { field: 'ambitionTargets', reason: 'shares must sum to 100 (they sum to 90)' },
    ]);
  });

  it('names each bad, missing or unknown bucket', () => {
    expect(checkShares('horizonTargets', ['H1', 'H2', 'H3'], { H1: -1, H2: '50', H4: 1 })).toEqual([
      { field: 'horizonTargets.H1', reason: 'must be a number from 0 to 100' },
      { field: 'horizonTargets.H2', reason: 'must be a number from 0 to 100' },
      { field: 'horizonTargets.H3', reason: 'must be a number from 0 to 100' },
      { field: 'horizonTargets.H4', reason: 'only H1, H2, H3 exist' },
    ]);
  });

  it('checks only the targets given', () => {
    expect(checkTargets({})).toEqual([]);
  });
});
