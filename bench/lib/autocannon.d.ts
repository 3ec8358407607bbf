// Minimal typings for the parts of autocannon 9's programmatic API the benchmarks use (no @types package installed).
declare module 'autocannon' {
  import { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Percentiles {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
    }

    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      pipelining?: number;
      workers?: number;
      method?: string;
      headers?: Record<string, string>;
      timeout?: number;
      /** Requests per second over all connections. */
      overallRate?: number;
    }

    interface Result {
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      /** 1xx, 3xx, 4xx and 5xx responses. */
      non2xx: number;
      resets: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Whole milliseconds (autocannon's histogram cannot resolve less), 2xx responses only. */
      latency: Percentiles & { totalCount: number };
      requests: Percentiles & { total: number; sent: number };
    }

    /** Emits 'response' (client, statusCode, bytes, responseTimeMs) for every response; also a promise of the result. */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
