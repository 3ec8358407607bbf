import { Actor } from '@ambidex/platform';
import { Role } from './domain/roles';

/** Who is calling: resolved from an access token or an API token on every request. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  sessionId: string | null;
  apiTokenId: string | null;
}

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, label: principal.email };
}
