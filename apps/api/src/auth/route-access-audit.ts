import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_RULE } from './access.decorators';

/** Lists controller routes that declare no access rule. */
export function routesWithoutAccessRule(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): string[] {
  const missing: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (instance === undefined || instance === null || metatype === undefined || metatype === null) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[method] as (...args: unknown[]) => unknown;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      if (reflector.getAllAndOverride(ACCESS_RULE, [handler, metatype]) === undefined) {
        missing.push(`${metatype.name}.${method}`);
      }
    }
  }
  return missing;
}

/** Refuses to start an API in which any route forgot to say who may call it. */
@Injectable()
export class RouteAccessAudit implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = routesWithoutAccessRule(this.discovery, this.scanner, this.reflector);
    if (missing.length > 0) {
      throw new Error(`Routes without an access rule (@Public, @Authenticated or @Allow): ${missing.join(', ')}`);
    }
  }
}
