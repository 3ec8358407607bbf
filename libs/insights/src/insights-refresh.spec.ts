import { DataSource } from 'typeorm';
import { InsightsRefresh, RefreshResult } from './insights-refresh';

const failure = (code: string): Error => Object.assign(new Error(`sqlstate ${code}`), { code });

/** The retry around one refresh; the refresh itself runs against PostgreSQL in test/insights. */
describe('InsightsRefresh.refresh', () => {
  const result = { initiatives: 1 } as RefreshResult;
  const refreshWith = (...outcomes: (Error | RefreshResult)[]) => {
    const refresh = new InsightsRefresh({} as DataSource);
    const once = jest.spyOn(refresh as unknown as { refreshOnce: () => Promise<RefreshResult> }, 'refreshOnce');
    for (const outcome of outcomes) {
      if (outcome instanceof Error) once.mockRejectedValueOnce(outcome);
      else once.mockResolvedValueOnce(outcome);
    }
    return { refresh, once };
  };

  it('runs again after a serialisation failure (a mark made while it ran)', async () => {
    const { refresh, once } = refreshWith(failure('40001'), result);
    await expect(refresh.refresh('p')).resolves.toBe(result);
    expect(once).toHaveBeenCalledTimes(2);
  });

  it('gives up after three failures, and at once on any other error', async () => {
    const persistent = refreshWith(failure('40001'), failure('40001'), failure('40001'), result);
    await expect(persistent.refresh.refresh('p')).rejects.toThrow('sqlstate 40001');
    expect(persistent.once).toHaveBeenCalledTimes(3);

    const other = refreshWith(failure('23505'), result);
    await expect(other.refresh.refresh('p')).rejects.toThrow('sqlstate 23505');
    expect(other.once).toHaveBeenCalledTimes(1);
  });
});
