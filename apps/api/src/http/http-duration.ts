import { Histogram } from 'prom-client';

/**
 * Records a request in `ambidex_http_request_duration_seconds`. The labelled series are looked up once per
 * method, route and status: prom-client would otherwise hash the label set on every observation.
 */
export function httpDurationRecorder(
  histogram: Histogram<'method' | 'route' | 'status'>,
): (method: string, route: string, status: number, elapsedMs: number) => void {
  const series = new Map<string, { observe(seconds: number): void }>();
  return (method, route, status, elapsedMs) => {
    const key = `${method} ${status} ${route}`;
    let labelled = series.get(key);
    if (labelled === undefined) {
      labelled = histogram.labels({ method, route, status: String(status) });
      series.set(key, labelled);
    }
    labelled.observe(elapsedMs / 1000);
  };
}
