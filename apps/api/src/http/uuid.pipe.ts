import { ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from '../errors/request-validation';

/** A path id that is not a UUID is a 422 naming the parameter, like any other invalid field. */
export function uuidPipe(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new RequestValidationError([{ field, reason: `${field} must be a UUID` }]),
  });
}
