import { bands, bubbleRadius, linear, niceStep, textWidth, valueAxis } from './scale';

describe('chart scales', () => {
  it('steps ticks by 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(2_300_000, 5)).toBe(500_000);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(12, 5)).toBe(2.5);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('holds every value and zero between round ticks', () => {
    expect(valueAxis([3, 2, 1, 0, 1], { integers: true })).toEqual({ min: 0, max: 3, ticks: [0, 1, 2, 3] });
    expect(valueAxis([8, 4, 2, 1, 1], { integers: true }).ticks).toEqual([0, 2, 4, 6, 8]);
    expect(valueAxis([2_300_000, 624_000, 500_000, 140_000])).toEqual({
      min: 0,
      max: 2_500_000,
      ticks: [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000],
    });
    const negative = valueAxis([500, -260]);
    expect(negative.min).toBeLessThanOrEqual(-260);
    expect(negative.max).toBeGreaterThanOrEqual(500);
    expect(negative.ticks).toContain(0);
  });

  it('keeps shares on 0–100 % with clean ticks, and an empty chart still has an axis', () => {
    expect(valueAxis([0.6667, 0.1667, null], { min: 0, max: 1 })).toEqual({
      min: 0,
      max: 1,
      ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    });
    expect(valueAxis([], { integers: true })).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(valueAxis([null, null])).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  });

  it('maps values to pixels either way round', () => {
    const up = linear({ min: 0, max: 10 }, 200, 0);
    expect([up(0), up(5), up(10)]).toEqual([200, 100, 0]);
    const across = linear({ min: -5, max: 5 }, 0, 100);
    expect(across(0)).toBe(50);
  });

  it('lays bars out side by side in their category, never wider than the maximum', () => {
    const layout = bands(5, 3, 500, 30);
    expect(layout).toHaveLength(5);
    const first = layout[0];
    expect(first?.start).toBe(0);
    expect(first?.length).toBe(100);
    expect(first?.thickness).toBeLessThanOrEqual(30);
    // The group is centred in its band and its bars do not overlap.
    const bars = [0, 1, 2].map((s) => first?.bar(s) ?? 0);
    expect(bars[1]).toBeGreaterThanOrEqual((bars[0] ?? 0) + (first?.thickness ?? 0));
    const end = (bars[2] ?? 0) + (first?.thickness ?? 0);
    expect(Math.round((bars[0] ?? 0) - 0)).toBe(Math.round(100 - end));
    expect(bands(0, 2, 100)).toEqual([]);
  });

  it('sizes bubbles by the area of the remaining cost', () => {
    expect(bubbleRadius(0, 1000)).toBe(5);
    expect(bubbleRadius(1000, 1000)).toBe(24);
    expect(bubbleRadius(250, 1000)).toBe(14.5);
    expect(bubbleRadius(100, 0)).toBe(7);
  });

  it('estimates label widths', () => {
    expect(textWidth('In operation', 12)).toBeGreaterThan(textWidth('G1', 12));
  });
});
