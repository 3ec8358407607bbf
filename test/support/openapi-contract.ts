import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { appendFileSync } from 'node:fs';

/**
 * Checks every response the end-to-end suites receive against the OpenAPI document the API serves: the status must
 * be documented for the operation, the content type too, and a JSON body must match the documented schema exactly
 * (types, required fields, enums, formats, and no undocumented fields). API fields are camelCase: a key with an
 * underscore fails unless the schema declares the object a map (additionalProperties), whose keys are data, or marks
 * it `x-ambidex-verbatim` (the one exception: a review's evidence snapshot, hashed exactly as it was stored).
 */

interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
type Schema = Record<string, unknown>;
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  operation: Operation;
}

const DOC_ID = 'openapi';
const JSON_TYPES = /^application\/([a-z.+-]*\+)?json$/;

/** Closes every documented object: a field the document does not name is a mismatch. */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${DOC_ID}${value}`;
    else if (key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
    else
      out[key] =
        key === 'properties'
          ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, closeObjects(v)]))
          : closeObjects(value);
  }
  if (out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
  // OpenAPI 3.0's `nullable` also admits null next to a $ref (allOf), which JSON Schema expresses as a choice.
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();
  checked = 0;

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: closeObjects(document.components) as Schema });
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        Object.entries(item).map(([method, operation]) => {
          const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
          return {
            method: method.toUpperCase(),
            template,
            pattern: new RegExp(`^${source}$`),
            params: (template.match(/\{/g) ?? []).length,
            operation,
          };
        }),
      )
      .sort((a, b) => a.params - b.params); // /api/initiatives/duplicates before /api/initiatives/{id}
  }

  route(method: string, url: string): Route | undefined {
    const path = url.split('?')[0] ?? url;
    return this.routes.find((r) => r.method === method && r.pattern.test(path));
  }

  /** The mismatches of one response; empty when it is what the document promises. */
  check(method: string, url: string, status: number, contentType: string, body: string): string[] {
    const route = this.route(method, url);
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (route === undefined) {
      // Not an operation (an unknown route, the docs, the dashboard): its errors still have the one problem shape.
      if (mediaType !== 'application/problem+json') return [];
      return this.validate('#/components/schemas/ProblemDto', JSON.parse(body), 'problem');
    }
    const name = `${route.method} ${route.template} ${status}`;
    const response = route.operation.responses[String(status)] ?? route.operation.responses.default;
    if (response === undefined) return [`${name}: the status is not documented (body ${body.slice(0, 300)})`];
    this.checked += 1;
    if (body === '') return [];
    const content = response.content ?? {};
    const documented = content[mediaType] ?? (mediaType.startsWith('text/') ? content['text/plain'] : undefined);
    if (documented === undefined)
      return [`${name}: content type ${mediaType} is not documented (${Object.keys(content).join(', ') || 'none'})`];
    if (!JSON_TYPES.test(mediaType) || documented.schema === undefined) return [];
    return this.validate(`${name} ${mediaType}`, JSON.parse(body), name, documented.schema);
  }

  private validate(key: string, value: unknown, name: string, schema?: Schema): string[] {
    let validator = this.validators.get(key);
    if (validator === undefined) {
      validator = this.ajv.compile(
        schema === undefined ? { $ref: `${DOC_ID}${key}` } : (closeObjects(schema) as Schema),
      );
      this.validators.set(key, validator);
    }
    const problems = validator(value)
      ? []
      : (validator.errors ?? []).map(
          (e) => `${name}: ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
    return [
      ...problems,
      ...snakeCaseKeys(value, schema ?? { $ref: key }, this.document).map(
        (path) => `${name}: key ${path} is not camelCase`,
      ),
    ];
  }
}

/** Keys with an underscore, skipping the maps (additionalProperties) whose keys are data, not field names. */
function snakeCaseKeys(value: unknown, schema: Schema | undefined, document: OpenApiDocument, path = ''): string[] {
  const resolved = resolve(schema, document);
  if (resolved?.['x-ambidex-verbatim'] === true) return []; // a frozen, hashed record: its keys are kept as stored
  if (Array.isArray(value))
    return value.flatMap((item, i) =>
      snakeCaseKeys(item, resolved?.items as Schema | undefined, document, `${path}/${i}`),
    );
  if (value === null || typeof value !== 'object') return [];
  const properties = (resolved?.properties ?? {}) as Record<string, Schema>;
  const isMap =
    resolved !== undefined && resolved.properties === undefined && typeof resolved.additionalProperties === 'object';
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => [
    ...(!isMap && key.includes('_') ? [`${path}/${key}`] : []),
    ...snakeCaseKeys(
      item,
      isMap ? (resolved.additionalProperties as Schema) : properties[key],
      document,
      `${path}/${key}`,
    ),
  ]);
}

function resolve(schema: Schema | undefined, document: OpenApiDocument): Schema | undefined {
  if (schema === undefined) return undefined;
  const ref = (schema.$ref ?? (schema.allOf as Schema[] | undefined)?.[0]?.$ref) as string | undefined;
  if (ref === undefined) return schema;
  return resolve(document.components.schemas[ref.replace('#/components/schemas/', '')], document);
}

/** With AMBIDEX_CONTRACT_LOG set, mismatches are appended there instead of failing the test (to survey them). */
export function reportMismatches(problems: string[], checked: { url: string; method: string }): void {
  if (problems.length === 0) return;
  // eslint-disable-next-line no-restricted-syntax -- a switch of the test harness (surveying the contract), not app configuration
  const log = process.env.AMBIDEX_CONTRACT_LOG;
  if (log !== undefined && log !== '') {
    appendFileSync(log, `${problems.map((p) => `${p}\t[${checked.method} ${checked.url}]`).join('\n')}\n`);
    return;
  }
  throw new Error(`The response does not match the OpenAPI document:\n${problems.join('\n')}`);
}
