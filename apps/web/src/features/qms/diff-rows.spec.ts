import { sideBySide } from './diff-rows';

describe('side-by-side diff', () => {
  it('puts a changed line beside its replacement and keeps unchanged lines on both sides', () => {
    expect(sideBySide('  Title\n- old step\n+ new step\n+ extra step\n  end')).toEqual([
      { left: 'Title', right: 'Title', kind: 'same' },
      { left: 'old step', right: 'new step', kind: 'changed' },
      { left: null, right: 'extra step', kind: 'changed' },
      { left: 'end', right: 'end', kind: 'same' },
    ]);
  });
});
