import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { EvidenceRangeParams } from './evidence-range';

export type EvidenceOverview = components['schemas']['EvidenceOverviewDto'];
export type EvidenceClause = components['schemas']['EvidenceClauseDto'];

/** The index by clause and the coverage report of a period; reading it records nothing. */
export function useEvidence(range: EvidenceRangeParams) {
  return useQuery({
    queryKey: ['evidence', range],
    queryFn: () => unwrap(api.GET('/api/evidence', { params: { query: range } })),
    placeholderData: keepPreviousData,
    retry: false,
  });
}
