import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class InvalidEvidenceRangeError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('EVIDENCE.INVALID_RANGE', 'invalid', fields[0]?.reason ?? 'invalid date range', fields);
  }
}
