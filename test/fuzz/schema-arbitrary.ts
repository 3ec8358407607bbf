import fc from 'fast-check';

/** The subset of JSON Schema (OpenAPI 3.0 and 3.1 flavours) the API's documents use. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  example?: unknown;
}

export type Variant = 'valid' | 'boundary';

/** Where an arbitrary takes the ids of things that exist: the fuzzer fills it from the API's own answers. */
export type IdSource = (fieldName: string) => fc.Arbitrary<string>;

const MAX_DEPTH = 6;

/**
 * Values an operation's schema accepts ('valid'), or accepts at its edges ('boundary': empty and longest strings,
 * extreme numbers, empty and fullest arrays). Invalid values are made from these by `mutated`.
 */
export function arbitraryFor(
  schema: JsonSchema,
  resolve: (ref: string) => JsonSchema,
  variant: Variant,
  ids: IdSource,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) return arbitraryFor(resolve(schema.$ref), resolve, variant, ids, name, depth);
  if (schema.allOf !== undefined)
    return arbitraryFor(
      merge(schema.allOf.map((s) => (s.$ref === undefined ? s : resolve(s.$ref)))),
      resolve,
      variant,
      ids,
      name,
      depth,
    );
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives !== undefined)
    return fc.oneof(...alternatives.map((s) => arbitraryFor(s, resolve, variant, ids, name, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const nullable = schema.nullable === true || types.includes('null');
  const base = baseArbitrary(
    schema,
    types.filter((t) => t !== 'null'),
    resolve,
    variant,
    ids,
    name,
    depth,
  );
  return nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function baseArbitrary(
  schema: JsonSchema,
  types: string[],
  resolve: (ref: string) => JsonSchema,
  variant: Variant,
  ids: IdSource,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const type = types[0] ?? (schema.properties !== undefined ? 'object' : schema.items !== undefined ? 'array' : 'any');
  switch (type) {
    case 'string':
      return stringArbitrary(schema, variant, ids, name);
    case 'integer':
    case 'number':
      return numberArbitrary(schema, variant, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth >= MAX_DEPTH) return fc.constant([]);
      const item = arbitraryFor(schema.items ?? {}, resolve, variant, ids, singular(name), depth + 1);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + (variant === 'boundary' ? 60 : 3));
      const array = fc.array(item, { minLength, maxLength });
      return variant === 'boundary' ? fc.oneof(fc.array(item, { minLength, maxLength: minLength }), array) : array;
    }
    case 'object': {
      if (depth >= MAX_DEPTH || schema.properties === undefined)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), {
          maxKeys: 3,
        });
      const required = schema.required ?? [];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(schema.properties))
        record[key] = arbitraryFor(property, resolve, variant, ids, key, depth + 1);
      return fc.record(record, { requiredKeys: required.filter((key) => key in record) });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant({}));
  }
}

function stringArbitrary(schema: JsonSchema, variant: Variant, ids: IdSource, name: string): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 40);
  switch (schema.format) {
    case 'uuid':
      return ids(name);
    case 'date-time':
      return fc
        .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
      break;
  }
  if (/id$/i.test(name) && schema.pattern === undefined)
    return fc.oneof(ids(name), fc.string({ minLength: min, maxLength: Math.min(max, 60) }));
  if (schema.pattern !== undefined) {
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    return schema.example === undefined ? matching : fc.oneof(fc.constant(String(schema.example)), matching);
  }
  if (variant === 'boundary') {
    const longest = Math.min(max, 250_000);
    return fc.oneof(
      fc.constant(''),
      fc.constant('x'.repeat(min)),
      fc.constant('x'.repeat(longest)),
      fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 40) }),
    );
  }
  return fc.oneof(
    fc
      .string({ minLength: Math.max(min, 1), maxLength: Math.min(max, 40) })
      .map((s) => (s.trim() === '' ? 'x'.repeat(Math.max(min, 1)) : s)),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 40) }),
  );
}

function numberArbitrary(schema: JsonSchema, variant: Variant, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (integer ? -1_000_000 : -1e12);
  const max = schema.maximum ?? (integer ? 1_000_000 : 1e12);
  if (variant === 'boundary')
    return fc.constantFrom(
      min,
      max,
      integer ? Math.trunc((min + max) / 2) : (min + max) / 2,
      0,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      1e308,
      0.1,
    );
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function merge(parts: JsonSchema[]): JsonSchema {
  return parts.reduce<JsonSchema>(
    (all, part) => ({
      ...all,
      ...part,
      properties: { ...(all.properties ?? {}), ...(part.properties ?? {}) },
      required: [...(all.required ?? []), ...(part.required ?? [])],
    }),
    {},
  );
}

function singular(name: string): string {
  return name.endsWith('Ids') ? name.slice(0, -1) : name;
}
