import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Package = components['schemas']['PackageDto'];

export const packageKey = (id: string) => ['handover-package', id] as const;

export function usePackage(id: string) {
  return useQuery({ queryKey: packageKey(id), queryFn: () => unwrap(api.GET('/api/handover-packages/{id}', { params: { path: { id } } })) });
}

export function usePackagesOf(initiativeId: string) {
  return useQuery({
    queryKey: ['handover-packages-of', initiativeId],
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/handover-packages', { params: { path: { id: initiativeId } } })),
  });
}

/** Loose reads of the package's free-form parts (the process record and risks) until the API types them. */
export type Loose = Record<string, unknown>;
export const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
export const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export interface Kpi {
  name: string;
  baseline: number | null;
  unit: string;
}
export function kpisOf(pkg: Package): Kpi[] {
  const record = (pkg.processRecord ?? {}) as Loose;
  return list(record.kpis).map((k) => ({ name: text(k.name), baseline: typeof k.baseline === 'number' ? k.baseline : null, unit: text(k.unit) }));
}
