import { INestApplication, ParseUUIDPipe, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';

interface ParameterObject {
  name: string;
  in: string;
  schema?: Record<string, unknown>;
}

/**
 * Path parameters read through a UUID pipe are documented as uuids, so a client generator sends one (swagger sees
 * only `string` in the handler's signature). Operations are found by swagger's operationId, Controller_method.
 */
export function documentUuidPathParameters(app: INestApplication, document: OpenAPIObject): void {
  const uuidParams = new Map<string, Set<string>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (controller === null) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<
          string,
          { data?: unknown; pipes?: unknown[] }
        >;
        const names = Object.values(args)
          .filter(
            (arg) => typeof arg.data === 'string' && (arg.pipes ?? []).some((pipe) => pipe instanceof ParseUUIDPipe),
          )
          .map((arg) => arg.data as string);
        if (names.length > 0) uuidParams.set(`${controller.name}_${key}`, new Set(names));
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { operationId?: string; parameters?: ParameterObject[] }[]) {
      const names = uuidParams.get(operation.operationId ?? '');
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path' && names?.has(parameter.name) === true)
          parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
      }
    }
  }
}
