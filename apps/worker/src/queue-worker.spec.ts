import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { stopQueueWorker } from './queue-worker';

/** A worker whose close ends when told to, or never; and the connection it owns. */
function fakeWorker(close: () => Promise<void>) {
  const calls: string[] = [];
  const worker = {
    name: 'probe',
    close: () => {
      calls.push('close');
      return close();
    },
    disconnect: () => {
      calls.push('worker.disconnect');
      return Promise.resolve();
    },
  } as unknown as Worker;
  const connection = {
    quit: () => {
      calls.push('quit');
      return Promise.resolve('OK');
    },
    disconnect: () => {
      calls.push('disconnect');
    },
  } as unknown as Redis;
  return { running: { worker, connection }, calls };
}

describe('stopQueueWorker', () => {
  it('waits for a close that ends, then quits the connection', async () => {
    const { running, calls } = fakeWorker(() => new Promise((resolve) => setTimeout(resolve, 20)));
    await stopQueueWorker(running, 1_000);
    expect(calls).toEqual(['close', 'quit']);
  });

  it('lets go of a close that never ends after the grace period: its connections dropped', async () => {
    const { running, calls } = fakeWorker(() => new Promise<void>(() => undefined));
    await stopQueueWorker(running, 50);
    expect(calls).toEqual(['close', 'worker.disconnect', 'disconnect']);
  });
});
