import { randomUUID } from 'node:crypto';

type Schema = Record<string, unknown>;

/**
 * A value built from a schema alone, as a client generator would: the documented example when there is one, else the
 * first enum value, else a value of the documented type and format within its bounds. Optional properties are
 * included, so the example exercises every documented field.
 */
export function exampleOf(schema: Schema | undefined, schemas: Record<string, Schema>, depth = 0): unknown {
  if (schema === undefined || depth > 12) return undefined;
  if (typeof schema.$ref === 'string')
    return exampleOf(schemas[schema.$ref.replace('#/components/schemas/', '')], schemas, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.allOf)) {
    return Object.assign(
      {},
      ...(schema.allOf as Schema[]).map((part) => exampleOf(part, schemas, depth + 1) as object),
    );
  }
  if (Array.isArray(schema.oneOf ?? schema.anyOf))
    return exampleOf(((schema.oneOf ?? schema.anyOf) as Schema[])[0], schemas, depth + 1);
  if (Array.isArray(schema.enum)) return schema.enum.find((value) => value !== null);
  const type = schema.type ?? (schema.properties === undefined ? undefined : 'object');
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, exampleOf(value, schemas, depth + 1)]),
      );
    }
    case 'array': {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: count }, () => exampleOf(schema.items as Schema, schemas, depth + 1));
    }
    case 'integer':
      return Math.ceil(numberWithin(schema, 1));
    case 'number':
      return numberWithin(schema, 1);
    case 'boolean':
      return true;
    case 'string':
      return stringOf(schema);
    default:
      return {};
  }
}

function numberWithin(schema: Schema, preferred: number): number {
  const minimum =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + 1
        : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  let value = minimum !== undefined && minimum > preferred ? minimum : preferred;
  if (maximum !== undefined && value > maximum) value = maximum;
  return value;
}

function stringOf(schema: Schema): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'date-time':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'date':
      return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    case 'email':
      return `example-${randomUUID().slice(0, 8)}@example.com`;
    case 'uri':
      return 'https://example.com/hook';
    default: {
      const minLength = Number(schema.minLength ?? 1);
      return 'example-text-'.repeat(Math.ceil(minLength / 13) + 1).slice(0, Math.max(minLength, 12));
    }
  }
}
