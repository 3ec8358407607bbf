import { OpenAPIObject } from '@nestjs/swagger';
import { ACCESS_EXTENSION } from '../auth/access.decorators';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };

/** Answers any write may give, whatever its route: documented once here rather than on every controller. */
const WRITE_PROBLEMS: Record<string, string> = {
  '503':
    'Unavailable for a moment (concurrent changes to the same records, or a service the call needs); see Retry-After',
};
const BODY_PROBLEMS: Record<string, string> = {
  '400': 'Malformed request (invalid JSON, or nested deeper than allowed)',
  '415': 'The body is not JSON (or NDJSON where the route takes it)',
};
const COOKIE_WRITE_PROBLEM: Record<string, string> = {
  '403': 'The caller lacks a required role, or a cookie-signed write lacks the x-csrf-token header',
};

type Operation = { responses?: Record<string, unknown>; requestBody?: unknown; [ACCESS_EXTENSION]?: string };

export function documentCommonProblems(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      const responses = (operation.responses ??= {});
      const add = (problems: Record<string, string>): void => {
        for (const [status, description] of Object.entries(problems))
          responses[status] ??= { description, content: PROBLEM };
      };
      add(WRITE_PROBLEMS);
      if (operation.requestBody !== undefined) add(BODY_PROBLEMS);
      if (operation[ACCESS_EXTENSION] !== 'public') add(COOKIE_WRITE_PROBLEM);
    }
  }
}
