import { FieldProblem } from '@ambidex/platform';
import { ArgumentMetadata, Injectable, PipeTransform, Type } from '@nestjs/common';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { decimalPlaces, maxDecimalPlacesOf } from './decimal-places';
import { RequestValidationError } from './request-validation';

type Shape = Type | undefined;

/** Where @nestjs/swagger keeps a DTO property's options (`nullable` among them). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const PLAIN_TYPES = new Set<unknown>([Object, Array, String, Number, Boolean]);

/**
 * Runs before the ValidationPipe and refuses, anywhere in the input, what class-validator lets through:
 * - null where the DTO does not declare the property nullable (`@IsOptional()` skips null, and the column refuses it);
 * - strings (values or keys) holding a lone UTF-16 surrogate, which no text column, hash or log line can carry;
 * - numbers with more decimals than `@IsNumber({ maxDecimalPlaces })` allows, on which class-validator itself throws;
 * - an array where a nested DTO object, or an array of them, is expected (`@ValidateNested()` recurses into arrays).
 */
@Injectable()
export class StrictInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Custom parameters (the principal) are the server's own values, not the caller's input.
    if (metadata.type === 'custom') return value;
    const shape =
      metadata.metatype !== undefined && !PLAIN_TYPES.has(metadata.metatype) ? (metadata.metatype as Type) : undefined;
    const problems: FieldProblem[] = [];
    inspect(value, shape, metadata.type === 'body' ? '' : (metadata.data ?? metadata.type), problems);
    if (problems.length > 0) throw new RequestValidationError(problems);
    return value;
  }
}

function inspect(value: unknown, shape: Shape, path: string, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value))
      problems.push({ field: path || 'body', reason: `${path || 'body'} must not contain a lone UTF-16 surrogate` });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => inspect(item, undefined, `${path}[${index}]`, problems));
    return;
  }
  for (const [key, field] of Object.entries(value)) {
    const fieldPath = path === '' ? key : `${path}.${key}`;
    if (LONE_SURROGATE.test(key)) {
      problems.push({ field: fieldPath, reason: 'field names must not contain a lone UTF-16 surrogate' });
      continue;
    }
    if (shape === undefined) {
      inspect(field, undefined, fieldPath, problems);
      continue;
    }
    if (field === null) {
      if (!isNullable(shape, key)) problems.push({ field: fieldPath, reason: `${fieldPath} must not be null` });
      continue;
    }
    if (typeof field === 'number') {
      const places = maxDecimalPlacesOf(shape, key);
      if (places !== undefined && decimalPlaces(field) > places)
        problems.push({ field: fieldPath, reason: `${fieldPath} must have at most ${places} decimal places` });
      continue;
    }
    const nested = nestedShape(shape, key);
    if (nested !== undefined && Array.isArray(field) && !propertyOf(shape, key)?.isArray) {
      problems.push({ field: fieldPath, reason: `${fieldPath} must be an object` });
    } else if (nested !== undefined && Array.isArray(field)) {
      field.forEach((item: unknown, index) => {
        const itemPath = `${fieldPath}[${index}]`;
        if (typeof item !== 'object' || item === null || Array.isArray(item))
          problems.push({ field: itemPath, reason: `${itemPath} must be an object` });
        else inspect(item, nested, itemPath, problems);
      });
    } else {
      inspect(field, nested, fieldPath, problems);
    }
  }
}

function propertyOf(shape: Type, key: string): { nullable?: boolean; isArray?: boolean } | undefined {
  return Reflect.getMetadata(API_MODEL_PROPERTIES, shape.prototype as object, key) as
    { nullable?: boolean; isArray?: boolean } | undefined;
}

function isNullable(shape: Type, key: string): boolean {
  return propertyOf(shape, key)?.nullable === true;
}

/** The DTO class a property holds (class-transformer's @Type), if it holds one. */
function nestedShape(shape: Type, key: string): Shape {
  const declared = defaultMetadataStorage.findTypeMetadata(shape, key)?.typeFunction?.();
  return typeof declared === 'function' &&
    !PLAIN_TYPES.has(declared) &&
    declared.prototype !== undefined &&
    Reflect.getMetadataKeys(declared.prototype as object).length > 0
    ? (declared as Type)
    : undefined;
}
