import { DomainError, FieldProblem } from '@ambidex/platform';
import { ValidationError, ValidationPipe } from '@nestjs/common';

export class RequestValidationError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('REQUEST.VALIDATION_FAILED', 'invalid', `The request has ${fields.length} invalid field(s)`, fields);
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Unknown fields and wrong types are refused (422) before any controller runs. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}
