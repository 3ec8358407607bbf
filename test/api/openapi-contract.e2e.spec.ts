import { ApiProperty } from '@nestjs/swagger';
import { documentedModels, duplicateSchemaNames } from '../../apps/api/src/http/openapi-schema-names';
import { exampleOf } from '../support/openapi-example';
import { OpenApiDocument } from '../support/openapi-contract';
import { TestApp, TestUser } from '../support/test-app';

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

/**
 * The served document is the contract: every response of the end-to-end suites is checked against it by TestApp,
 * and here every operation is sent the example a client would build from its own documented request.
 */
describe('the OpenAPI contract', () => {
  let api: TestApp;
  let document: OpenApiDocument & { paths: Record<string, Record<string, Operation>> };
  let caller: TestUser;

  beforeAll(async () => {
    api = await TestApp.startIsolated();
    document = (await api.contract()).document as typeof document;
    caller = await api.newUser(['admin', 'innovation_lead', 'gatekeeper', 'quality_head', 'leadership'], 'everyone');
  });
  afterAll(() => api.close());

  const schemas = (): Record<string, Schema> => document.components.schemas;

  function urlOf(template: string, operation: Operation): string {
    const path = template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
      const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
      return encodeURIComponent(String(exampleOf(parameter?.schema ?? { type: 'string' }, schemas())));
    });
    const query = (operation.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(exampleOf(p.schema, schemas())))}`);
    return query.length === 0 ? path : `${path}?${query.join('&')}`;
  }

  it('accepts, at every operation, the example generated from its own documented request', async () => {
    const operations = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        method: method.toUpperCase() as 'GET',
        template,
        operation,
      })),
    );
    // Signing out ends the caller's session: it goes last.
    operations.sort((a, b) => Number(a.template === '/api/auth/logout') - Number(b.template === '/api/auth/logout'));
    const refused: string[] = [];
    for (const { method, template, operation } of operations) {
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const body = bodySchema === undefined ? undefined : exampleOf(bodySchema, schemas());
      const response = await api.request({
        method,
        url: urlOf(template, operation),
        token: caller.token,
        ...(body === undefined ? {} : { body }),
      });
      const problem =
        response.status >= 400 ? response.json<{ code?: string; detail?: string; errors?: unknown }>() : {};
      if (response.status === 400 || response.status >= 500 || problem.code === 'REQUEST.VALIDATION_FAILED') {
        refused.push(
          `${method} ${template}: ${response.status} ${problem.code} ${JSON.stringify(problem.errors ?? problem.detail)}`,
        );
      }
    }
    expect(operations.length).toBeGreaterThan(80);
    expect(refused).toEqual([]);
  });

  it('documents no two classes under one schema name', () => {
    expect(duplicateSchemaNames(documentedModels(api.app))).toEqual([]);
  });

  it('would notice two classes of one name', () => {
    const first = (() => {
      class RowDto {
        @ApiProperty() a!: string;
      }
      return RowDto;
    })();
    const second = (() => {
      class RowDto {
        @ApiProperty() b!: number;
      }
      return RowDto;
    })();
    class PageDto {
      @ApiProperty({ type: [second] }) rows!: unknown[];
    }
    expect(duplicateSchemaNames([first, PageDto])).toEqual(['RowDto']);
  });
});
