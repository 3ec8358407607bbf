import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { JsonSchema } from './schema-arbitrary';

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  body: JsonSchema | undefined;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation the served document lists, with its parameters and JSON body schema. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path'),
        queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query'),
        body: operation.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

export function resolverOf(document: OpenApiDocument): (ref: string) => JsonSchema {
  return (ref) => {
    const name = ref.replace('#/components/schemas/', '');
    const schema = document.components?.schemas?.[name];
    if (schema === undefined) throw new Error(`The document refers to ${ref}, which it does not define`);
    return schema;
  };
}

/**
 * The ids the API has handed out, by the kind of thing they name: `/api/portfolios/{id}` and a `portfolioId`
 * field both draw from "portfolios". Filled from every JSON answer, so the fuzzer reaches past the 404s.
 */
export class IdPool {
  private readonly byKind = new Map<string, Set<string>>();
  private readonly everything = new Set<string>();

  constructor(private readonly excluded: Set<string>) {}

  /** The kind of thing an `{id}` in this path names: the literal segment before it. */
  static kindOfParam(path: string, param: string): string {
    const segments = path.split('/');
    const index = segments.indexOf(`{${param}}`);
    return index > 0 ? (segments[index - 1] ?? '') : param;
  }

  /** The kind of thing a field names: `portfolioId` → portfolios, `ownerId` → owners (users too). */
  static kindOfField(field: string): string {
    return `${field.replace(/Ids?$/, '')}s`.toLowerCase();
  }

  harvest(requestPath: string, body: unknown): void {
    const literal =
      requestPath
        .split('?')[0]
        ?.split('/')
        .filter((s) => s !== '' && !UUID.test(s)) ?? [];
    this.walk(body, literal[literal.length - 1] ?? 'things', 0);
  }

  arbitrary(kind: string): fc.Arbitrary<string> {
    const known = [...(this.byKind.get(kind.toLowerCase()) ?? this.everything)];
    const fresh = fc.constant(randomUUID());
    return known.length === 0
      ? fresh
      : fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 4 }, { arbitrary: fresh, weight: 1 });
  }

  private add(kind: string, id: string): void {
    if (this.excluded.has(id)) return;
    this.everything.add(id);
    const set = this.byKind.get(kind.toLowerCase()) ?? new Set<string>();
    set.add(id);
    this.byKind.set(kind.toLowerCase(), set);
  }

  private walk(value: unknown, kind: string, depth: number): void {
    if (depth > 6 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) return value.forEach((item) => this.walk(item, kind, depth + 1));
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string' && UUID.test(item)) {
        if (key === 'id') this.add(kind, item);
        else if (/Id$/.test(key)) this.add(IdPool.kindOfField(key), item);
        if (key === 'userId' || key === 'ownerId') this.add('users', item);
      } else {
        this.walk(item, /s$/.test(key) ? key : kind, depth + 1);
      }
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
