import type { Role } from './session';

/**
 * Where `/` sends a person: leadership reads the dashboard first, unless they also lead initiatives (their work
 * waits in the inbox then); everyone else, admins included, starts at "My work".
 */
export function homePath(roles: readonly Role[]): '/dashboard' | '/inbox' {
  return roles.includes('leadership') && !roles.includes('innovation_lead') ? '/dashboard' : '/inbox';
}
