import { Principal, Role, UsersService, UserView } from '@ambidex/identity';
import { SYSTEM_ACTOR } from '@ambidex/platform';
import { Type } from '@nestjs/common';
import { uniqueEmail } from '../test-config';

/** Where builders find the use cases: a Nest application or application context (TestApp.app, ServiceContext). */
export interface Services {
  get<T>(type: Type<T>): T;
}

export const BUILDER_PASSWORD = 'builder-password-0123';

/** Who a use case sees when this user calls it (no session: the services take the principal as given). */
export function principalOf(user: Pick<UserView, 'id' | 'email' | 'displayName' | 'roles'>): Principal {
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    sessionId: null,
    apiTokenId: null,
  };
}

/** A user with these roles, created through UsersService, as the principal its calls run as. */
export async function newPrincipal(services: Services, roles: Role[], label = roles.join('-')): Promise<Principal> {
  const user = await services.get(UsersService).create(SYSTEM_ACTOR, {
    email: uniqueEmail(label),
    displayName: `Test ${label}`,
    password: BUILDER_PASSWORD,
    roles,
  });
  return principalOf(user);
}

/** The principal of an existing user (a panel member the review picked, say). */
export async function principalById(services: Services, userId: string): Promise<Principal> {
  return principalOf(await services.get(UsersService).get(userId));
}
