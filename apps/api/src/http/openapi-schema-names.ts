import { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';

// Swagger names a component schema after its class and keeps the first class of a name it meets: a second class of
// the same name is documented with the other's shape, silently. This walks every class the document can reach
// (route bodies, queries, responses, extra models and their properties) and refuses two classes of one name.

const BUILT_IN = new Set<unknown>([String, Number, Boolean, Object, Array, Date, Symbol, BigInt, Function]);
const PROPERTY_LIST = 'swagger/apiModelPropertiesArray';
const PROPERTY = 'swagger/apiModelProperties';

/** Unwraps `[X]`, `() => X` (swagger calls these functions `type`) and `() => [X]` to X; undefined for built-ins. */
function modelClass(type: unknown): Type | undefined {
  let value = type;
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'function' && value.name === 'type') value = (value as () => unknown)();
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'function' || BUILT_IN.has(value)) return undefined;
  return value as Type;
}

function schemaName(model: Type): string {
  const schemas = (Reflect.getOwnMetadata('swagger/apiSchema', model) ?? []) as { name?: string }[];
  return schemas[schemas.length - 1]?.name ?? model.name;
}

export function duplicateSchemaNames(roots: Type[]): string[] {
  const byName = new Map<string, Set<Type>>();
  const seen = new Set<Type>();
  const visit = (model: Type | undefined): void => {
    if (model === undefined || seen.has(model)) return;
    seen.add(model);
    const properties = (Reflect.getMetadata(PROPERTY_LIST, model.prototype as object) ?? []) as string[];
    if (properties.length === 0) return; // not a documented model (a pipe's type, a primitive wrapper)
    const name = schemaName(model);
    byName.set(name, (byName.get(name) ?? new Set()).add(model));
    for (const property of properties) {
      const metadata = Reflect.getMetadata(PROPERTY, model.prototype as object, property.replace(/^:/, '')) as
        { type?: unknown; items?: { type?: unknown } } | undefined;
      visit(modelClass(metadata?.type));
      visit(modelClass(metadata?.items?.type));
    }
    let parent = Object.getPrototypeOf(model) as Type | undefined;
    while (parent !== undefined && parent !== Function.prototype) {
      visit(parent);
      parent = Object.getPrototypeOf(parent) as Type | undefined;
    }
  };
  roots.forEach((root) => visit(root));
  return [...byName.entries()].filter(([, classes]) => classes.size > 1).map(([name]) => name);
}

/** Every class a controller's routes name: parameter types, documented responses and extra models. */
export function documentedModels(app: INestApplication): Type[] {
  const models: Type[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (controller === null) continue;
      models.push(...((Reflect.getMetadata('swagger/apiExtraModels', controller) ?? []) as Type[]));
      const prototype = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const parameters = (Reflect.getMetadata('design:paramtypes', prototype, key) ?? []) as unknown[];
        const responses = Object.values(
          (Reflect.getMetadata('swagger/apiResponse', handler) ?? {}) as Record<string, { type?: unknown }>,
        );
        const extra = (Reflect.getMetadata('swagger/apiExtraModels', handler) ?? []) as Type[];
        for (const type of [...parameters, ...responses.map((r) => r.type), ...extra]) {
          const model = modelClass(type);
          if (model !== undefined) models.push(model);
        }
      }
    }
  }
  return models;
}

/** Refuses to document two different classes under one schema name. */
export function assertUniqueSchemaNames(app: INestApplication, extraModels: Type[]): void {
  const duplicates = duplicateSchemaNames([...documentedModels(app), ...extraModels]);
  if (duplicates.length > 0) {
    throw new Error(
      `Two classes share an OpenAPI schema name, so one would document the other's shape: ${duplicates.join(', ')}. Rename one.`,
    );
  }
}
