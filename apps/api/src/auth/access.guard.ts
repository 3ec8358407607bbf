import { AuthenticationService, ForbiddenError, hasAnyRole, NotAuthenticatedError } from '@ambidex/identity';
import { CanActivate, ExecutionContext, Injectable, OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { ACCESS_RULE, AccessRule, AuthenticatedRequest } from './access.decorators';
import { credentialFrom } from './credentials';
import { assertCsrfToken } from './csrf';

/** Global guard: deny unless the route declares its rule and the caller satisfies it. */
@Injectable()
export class AccessGuard implements CanActivate, OnModuleInit {
  /** Decorators do not change at run time: each handler's rule is read from its metadata once. */
  private readonly rules = new WeakMap<object, AccessRule | undefined>();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthenticationService,
  ) {}

  onModuleInit(): void {
    this.auth.listenForRevocations();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.ruleOf(context);
    if (rule === undefined) throw new ForbiddenError('This route declares no access rule, so nobody may call it');
    if (rule.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const credential = credentialFrom(request.headers);
    if (credential === null) throw new NotAuthenticatedError();
    assertCsrfToken(request.method, request.headers);
    const principal = await this.auth.authenticate(credential);
    request.principal = principal;
    if (rule.kind === 'roles' && !hasAnyRole(principal.roles, rule.roles)) {
      throw new ForbiddenError(`This needs one of the roles: ${rule.roles.join(', ')}`);
    }
    return true;
  }

  private ruleOf(context: ExecutionContext): AccessRule | undefined {
    const handler = context.getHandler();
    if (this.rules.has(handler)) return this.rules.get(handler);
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, context.getClass()]);
    this.rules.set(handler, rule);
    return rule;
  }
}
