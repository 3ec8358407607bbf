import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { Principal, Role } from '@ambidex/identity';
import { ApiProblems } from '../http/openapi.decorators';

export const ACCESS_RULE = 'ambidex:access-rule';

/** Every route declares who may call it; a route without a rule is refused at start and denied at run time. */
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[] };

/** OpenAPI extension carrying the rule, so the document says who may call each operation. */
export const ACCESS_EXTENSION = 'x-ambidex-access';

type RouteDecorator = MethodDecorator & ClassDecorator;

function declare(rule: AccessRule, summary: string): RouteDecorator {
  const decorators = [SetMetadata(ACCESS_RULE, rule), ApiExtension(ACCESS_EXTENSION, summary) as RouteDecorator];
  if (rule.kind !== 'public') decorators.push(ApiBearerAuth(), ApiProblems(401, 403));
  return applyDecorators(...decorators);
}

/** Anyone, signed in or not (health, login, the web root). */
export const Public = (): RouteDecorator => declare({ kind: 'public' }, 'public');

/** Any signed-in user, whatever their roles (their own profile, their own tokens). */
export const Authenticated = (): RouteDecorator => declare({ kind: 'authenticated' }, 'any signed-in user');

/** Users holding at least one of these roles. */
export const Allow = (...roles: [Role, ...Role[]]): RouteDecorator =>
  declare({ kind: 'roles', roles }, `roles: ${roles.join(', ')}`);

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The caller, set by the access guard. Only on routes that are not public. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
