import { decimalPlaces } from './decimal-places';

describe('decimalPlaces', () => {
  it.each([
    [0, 0],
    [12, 0],
    [1.5, 1],
    [-0.125, 3],
    [1e21, 0],
    [8e-323, 323],
    [2.0394950590730037e-47, 63],
    [1.5e-7, 8],
  ])('%d has %i decimal places', (value, places) => {
    expect(decimalPlaces(value)).toBe(places);
  });
});
