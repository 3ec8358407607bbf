/** A problem+json answer of the API, as the console shows it: the message, the code, and the fields it names. */
export interface FieldProblem {
  field: string;
  reason: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly fields: FieldProblem[],
  ) {
    super(detail || title);
    this.name = 'ApiProblem';
  }

  /** The reason given for one form field, if the API named it. */
  reasonFor(field: string): string | undefined {
    return this.fields.find(
      (f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`),
    )?.reason;
  }

  get isConflict(): boolean {
    return this.status === 409;
  }

  get isForbidden(): boolean {
    return this.status === 403;
  }
}

interface ProblemBody {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: FieldProblem[];
}

export function toApiProblem(status: number, body: unknown): ApiProblem {
  const p = (typeof body === 'object' && body !== null ? body : {}) as ProblemBody;
  const fields = Array.isArray(p.errors) ? p.errors.filter((e) => typeof e?.field === 'string') : [];
  return new ApiProblem(
    p.status ?? status,
    p.code ?? `HTTP.${status}`,
    p.title ?? 'Request failed',
    p.detail ?? '',
    fields,
  );
}
