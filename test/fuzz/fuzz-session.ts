import fc from 'fast-check';
import { rowCounts } from '../support/row-counts';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { mutated, mutationArbitrary } from './mutations';
import { IdPool, OpenApiDocument, Operation, operationsOf, resolverOf } from './operations';
import { arbitraryFor, JsonSchema } from './schema-arbitrary';

export interface FuzzSettings {
  runs: number;
  seconds: number;
  seed: number;
}

/** Read from the environment so `npm run fuzz -- --runs N --seconds S --seed X` drives the same suite longer. */
export function fuzzSettings(defaults: { runs: number; seconds: number }): FuzzSettings {
  // eslint-disable-next-line no-restricted-syntax -- how `npm run fuzz` hands its options to the jest worker
  const env = process.env;
  const number = (name: string, fallback: number): number => {
    const given = env[name];
    return given !== undefined && given !== '' && Number.isFinite(Number(given)) ? Number(given) : fallback;
  };
  return {
    runs: number('FUZZ_RUNS', defaults.runs),
    seconds: number('FUZZ_SECONDS', defaults.seconds),
    seed: number('FUZZ_SEED', Date.now() % 2 ** 31),
  };
}

export interface Finding {
  problem: string;
  method: string;
  url: string;
  status: number;
  body: unknown;
  answer: string;
}

export interface FuzzReport {
  requests: number;
  operations: Set<string>;
  statuses: Map<number, number>;
  findings: Finding[];
}

type Kind = 'valid' | 'boundary' | 'invalid' | 'raw';

const RAW_BODIES = [
  '{"a": ',
  '[1, 2',
  'nul',
  '"just a string"',
  '{"a":1}{"b":2}',
  '\u0000',
  '{"a":"\\ud800"}',
  '{"__proto__":{"x":1}}',
  `${'['.repeat(40)}${']'.repeat(40)}`,
];

/**
 * Sends requests generated from each operation's own schemas in the served OpenAPI document, as a user holding
 * every role, and records every 5xx and every refused request that changed a row count.
 */
export class FuzzSession {
  private readonly operations: Operation[];
  private readonly resolve: (ref: string) => JsonSchema;
  private readonly pool: IdPool;
  private lastCounts: Record<string, number> = {};
  readonly report: FuzzReport = { requests: 0, operations: new Set(), statuses: new Map(), findings: [] };

  constructor(
    private readonly api: TestApp,
    private user: TestUser,
    document: OpenApiDocument,
  ) {
    this.operations = operationsOf(document);
    this.resolve = resolverOf(document);
    this.pool = new IdPool(new Set([user.id]));
  }

  get operationCount(): number {
    return this.operations.length;
  }

  /** Reads every list without parameters first, so the pool holds the ids of what exists. */
  async warmUp(): Promise<void> {
    for (const operation of this.operations.filter((op) => op.method === 'GET' && op.pathParams.length === 0)) {
      await this.send('GET', operation.path, undefined);
    }
    this.lastCounts = await rowCounts(this.api.dataSource);
  }

  async run(settings: FuzzSettings): Promise<void> {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const operation = g(() => fc.constantFrom(...this.operations));
        const kind = g(() =>
          fc.constantFrom<Kind>('valid', 'valid', 'boundary', 'invalid', 'invalid', 'invalid', 'raw'),
        );
        const url = this.urlFor(operation, kind, g);
        const body = this.bodyFor(operation, kind, g);
        await this.check(operation, url, body);
      }),
      {
        numRuns: settings.runs,
        seed: settings.seed,
        interruptAfterTimeLimit: settings.seconds * 1000,
        markInterruptAsFailure: false,
        endOnFailure: true,
      },
    );
  }

  private urlFor(operation: Operation, kind: Kind, g: fc.GeneratorValue): string {
    let path = operation.path;
    for (const param of operation.pathParams) {
      const schema = param.schema ?? {};
      const value =
        schema.enum !== undefined || schema.format !== undefined || !/id$/i.test(param.name)
          ? g(
              () =>
                arbitraryFor(
                  schema,
                  this.resolve,
                  'valid',
                  () => this.pool.arbitrary(IdPool.kindOfParam(operation.path, param.name)),
                  param.name,
                ) as fc.Arbitrary<string>,
            )
          : g(() => this.pool.arbitrary(IdPool.kindOfParam(operation.path, param.name)));
      const text =
        kind === 'invalid' && g(() => fc.boolean())
          ? g(() =>
              fc.constantFrom('42', 'x'.repeat(3000), '%E0%A4%A', '..', '%00', '00000000-0000-0000-0000-000000000000'),
            )
          : String(value);
      path = path.replace(`{${param.name}}`, text.startsWith('%') ? text : encodeURIComponent(text));
    }
    const query = new URLSearchParams();
    for (const param of operation.queryParams) {
      if (!g(() => fc.boolean())) continue;
      const value =
        kind === 'invalid'
          ? g(() =>
              fc.oneof(
                fc.string({ maxLength: 30 }),
                fc.constantFrom('-1', '1e309', 'null', '[]', '\ud800', 'x'.repeat(5000)),
              ),
            )
          : g(() =>
              arbitraryFor(
                param.schema ?? {},
                this.resolve,
                kind === 'boundary' ? 'boundary' : 'valid',
                (name) => this.pool.arbitrary(IdPool.kindOfField(name)),
                param.name,
              ),
            );
      query.append(param.name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    const search = query.toString();
    return search === '' ? path : `${path}?${search}`;
  }

  private bodyFor(
    operation: Operation,
    kind: Kind,
    g: fc.GeneratorValue,
  ): { json?: unknown; raw?: string } | undefined {
    if (kind === 'raw')
      return operation.method === 'GET' ? undefined : { raw: g(() => fc.constantFrom(...RAW_BODIES)) };
    if (operation.body === undefined)
      return kind === 'invalid' && operation.method !== 'GET'
        ? { json: g(() => fc.anything({ maxDepth: 2 })) }
        : undefined;
    const ids = (name: string) => this.pool.arbitrary(IdPool.kindOfField(name));
    const valid = g(() =>
      arbitraryFor(operation.body as JsonSchema, this.resolve, kind === 'boundary' ? 'boundary' : 'valid', ids),
    );
    return {
      json:
        kind === 'invalid'
          ? mutated(
              valid,
              g(() => mutationArbitrary),
            )
          : valid,
    };
  }

  private async check(
    operation: Operation,
    url: string,
    body: { json?: unknown; raw?: string } | undefined,
  ): Promise<void> {
    const response = await this.send(operation.method, url, body);
    const label = `${operation.method} ${operation.path}`;
    this.report.operations.add(label);
    const finding = (problem: string): void => {
      this.report.findings.push({
        problem,
        method: operation.method,
        url,
        status: response.status,
        body: body?.json ?? body?.raw,
        answer: response.body.slice(0, 600),
      });
    };
    if (response.status >= 500) finding('5xx');
    if (!String(response.headers['content-type'] ?? '').length && response.status >= 400)
      finding('an error without a body type');
    if (response.status >= 400 && !/^application\/problem\+json/.test(String(response.headers['content-type'])))
      finding('an error that is not problem+json');
    const counts = await rowCounts(this.api.dataSource);
    if (response.status >= 400) {
      const changed = Object.keys(counts).filter((table) => counts[table] !== this.lastCounts[table]);
      if (changed.length > 0) finding(`a refused request changed the row counts of ${changed.join(', ')}`);
    }
    this.lastCounts = counts;
    // The fuzzer may sign itself out: sign in again so the rest of the run is not a wall of 401s.
    if (label === 'POST /api/auth/logout' && response.status < 300) {
      this.user = { ...this.user, token: await this.api.login(this.user.email, TEST_PASSWORD) };
      this.lastCounts = await rowCounts(this.api.dataSource);
    }
  }

  private async send(
    method: Operation['method'],
    url: string,
    body: { json?: unknown; raw?: string } | undefined,
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    this.report.requests++;
    const payload = body === undefined ? undefined : (body.raw ?? JSON.stringify(body.json ?? null));
    const response = await this.api.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${this.user.token}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload }),
    });
    this.report.statuses.set(response.statusCode, (this.report.statuses.get(response.statusCode) ?? 0) + 1);
    if (response.statusCode < 300 && response.headers['content-type']?.toString().includes('json')) {
      try {
        this.pool.harvest(url, JSON.parse(response.body) as unknown);
      } catch {
        // not JSON after all: nothing to harvest
      }
    }
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }
}
