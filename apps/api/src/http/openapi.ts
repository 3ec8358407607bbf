import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ACCESS_EXTENSION } from '../auth/access.decorators';
import { FieldProblemDto, ProblemDto } from './openapi.decorators';
import { documentCommonProblems } from './openapi-common-problems';
import { documentUuidPathParameters } from './openapi-path-ids';
import { assertUniqueSchemaNames } from './openapi-schema-names';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ambidex API')
    .setDescription(
      'Innovation portfolio pipeline: ISO 56001 stage-gates handed over to ISO 9001 controlled records. ' +
        'Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('0.1.0')
    .setLicense('Proprietary', 'https://ambidex.dev/license')
    .addServer('/')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'An access token from /api/auth/login or a personal API token',
    })
    .build();
  const extraModels = [ProblemDto, FieldProblemDto];
  assertUniqueSchemaNames(app, extraModels);
  const document = SwaggerModule.createDocument(app, config, { extraModels });
  allowNullInNullableEnums(document.components?.schemas ?? {});
  documentUuidPathParameters(app, document);
  documentCommonProblems(document);
  // Public operations say so explicitly (an empty security requirement); the rest carry the bearer scheme.
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { security?: unknown[]; [ACCESS_EXTENSION]?: string }[]) {
      if (operation[ACCESS_EXTENSION] === 'public') operation.security = [];
    }
  }
  return document;
}

/** A nullable enum lists null among its values (OpenAPI 3.0): `nullable` alone does not let a validator accept it. */
function allowNullInNullableEnums(schema: unknown): void {
  if (schema === null || typeof schema !== 'object') return;
  const object = schema as { nullable?: boolean; enum?: unknown[] };
  // A new array: swagger may hold the domain's own constant (GATES, STAGES…), which must not gain a null.
  if (object.nullable === true && Array.isArray(object.enum) && !object.enum.includes(null))
    object.enum = [...object.enum, null];
  for (const value of Object.values(schema)) allowNullInNullableEnums(value);
}

/** /api/openapi.json and the browsable UI at /api/docs. */
export function mountOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
  return document;
}
