import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Assumption = components['schemas']['AssumptionDto'];
export type Experiment = components['schemas']['ExperimentDto'];
export type Learning = components['schemas']['LearningDto'];

export const logKey = (initiativeId: string) => ['experiment-log', initiativeId] as const;

export function useAssumptions(initiativeId: string) {
  return useQuery({
    queryKey: [...logKey(initiativeId), 'assumptions'],
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/assumptions', { params: { path: { id: initiativeId } } })),
  });
}

export function useExperiments(initiativeId: string) {
  return useQuery({
    queryKey: [...logKey(initiativeId), 'experiments'],
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/experiments', { params: { path: { id: initiativeId } } })),
  });
}

/** One experiment with its result (the list leaves the result out). */
export function useExperimentResult(initiativeId: string, experimentId: string) {
  return useQuery({
    queryKey: [...logKey(initiativeId), 'experiment', experimentId],
    queryFn: () => unwrap(api.GET('/api/experiments/{id}', { params: { path: { id: experimentId } } })),
    select: (experiment) => experiment.result,
  });
}

export function useLearnings(initiativeId: string) {
  return useQuery({
    queryKey: [...logKey(initiativeId), 'learnings'],
    queryFn: () =>
      unwrap(
        api.GET('/api/initiatives/{id}/learnings', {
          params: { path: { id: initiativeId }, query: { includeSuperseded: true } },
        }),
      ),
  });
}

export const RISK_LABELS: Record<Assumption['riskKind'], string> = {
  desirability: 'Desirability',
  feasibility: 'Feasibility',
  viability: 'Viability',
};
export const ASSUMPTION_STATUS_LABELS: Record<Assumption['status'], string> = {
  untested: 'Untested',
  validated: 'Validated',
  invalidated: 'Invalidated',
  inconclusive: 'Inconclusive',
};
