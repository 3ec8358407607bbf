import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { assemblyPollInterval } from './package-polling';

export type Package = components['schemas']['PackageDto'];

export const packageKey = (id: string) => ['handover-package', id] as const;

export function usePackage(id: string) {
  return useQuery({
    queryKey: packageKey(id),
    queryFn: () => unwrap(api.GET('/api/handover-packages/{id}', { params: { path: { id } } })),
  });
}

/** The packages of an initiative; with `awaitingSince` (ms), watches for the one a G3 Go's background job assembles. */
export function usePackagesOf(initiativeId: string, awaitingSince: number | null = null) {
  return useQuery({
    queryKey: ['handover-packages-of', initiativeId],
    queryFn: () =>
      unwrap(api.GET('/api/initiatives/{id}/handover-packages', { params: { path: { id: initiativeId } } })),
    refetchInterval: (query) =>
      assemblyPollInterval(query.state.data, awaitingSince !== null, Date.now() - (awaitingSince ?? 0)),
  });
}

/** The KPIs of the draft process record, with their baselines (null until measured). */
export function kpisOf(pkg: Package): components['schemas']['ProcessKpiDto'][] {
  return pkg.processRecord?.kpis ?? [];
}

export function useTrace(packageId: string) {
  return useQuery({
    queryKey: ['handover-trace', packageId],
    queryFn: () => unwrap(api.GET('/api/handover-packages/{id}/trace', { params: { path: { id: packageId } } })),
  });
}
