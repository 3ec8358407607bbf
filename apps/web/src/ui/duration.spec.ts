import { formatDuration } from './duration';

describe('formatDuration', () => {
  it.each([
    [0, 'less than a minute'],
    [59, 'less than a minute'],
    [60, '1 minute'],
    [89, '1 minute'],
    [3_599, '59 minutes'],
    [3_600, '1 hour'],
    [5_400, '1.5 hours'],
    [47 * 3_600, '47 hours'],
    [48 * 3_600, '2 days'],
    [40 * 86_400, '40 days'],
    [40.25 * 86_400, '40.3 days'],
  ])('%i s reads %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
