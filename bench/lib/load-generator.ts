/**
 * Runs autocannon in a child process, so the load generator neither shares the event loop of the servers
 * under test nor rounds latencies to whole milliseconds (autocannon's own histogram does; here every
 * response time is kept as a float and the percentiles are computed from all of them).
 */
import autocannon from 'autocannon';
import { answerParent, askChild } from './child-answer';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds discarded before the measurement (its failures still count). */
  warmupSeconds: number;
  seconds: number;
  headers: Record<string, string>;
  /** Requests per second over all connections (autocannon's overallRate); unset = as fast as the server goes. */
  rate?: number;
}

export interface LoadResult {
  seconds: number;
  responses: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  warmup: { responses: number; non2xx: number; errors: number; timeouts: number };
  latencyMs: { mean: number; p50: number; p90: number; p99: number; p999: number; max: number };
}

/** From the parent: forks this file and waits for its one answer. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return askChild<LoadResult>(__filename, '--load-generator', options, 'load generator');
}

async function measure(options: LoadOptions): Promise<LoadResult> {
  const base = {
    url: options.url,
    connections: options.connections,
    headers: options.headers,
    timeout: 10,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
  };
  const warm = await autocannon({ ...base, duration: options.warmupSeconds });

  const latencies = new Float64Array(4_000_000);
  let n = 0;
  const instance = autocannon({ ...base, duration: options.seconds });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    if (statusCode >= 200 && statusCode < 300 && n < latencies.length) latencies[n++] = ms;
  });
  const r = await instance;
  const sorted = latencies.subarray(0, n).sort();
  const at = (q: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? NaN;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    seconds: r.duration,
    responses: r.requests.total,
    requestsPerSecond: r.requests.total / r.duration,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
    warmup: { responses: warm.requests.total, non2xx: warm.non2xx, errors: warm.errors, timeouts: warm.timeouts },
    latencyMs: { mean: sum / n, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: sorted[n - 1] ?? NaN },
  };
}

if (require.main === module && process.argv.includes('--load-generator')) {
  answerParent(measure);
}
