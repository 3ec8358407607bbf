import type { ReactNode } from 'react';
import { hasRole, ROLE_LABELS, useMe, type Role } from '../app/session';

/**
 * Shows a page only to the roles it is for. Hiding it is a courtesy, not protection: the API refuses the data
 * to everyone else anyway. The message names the roles that may see it.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (hasRole(me, roles)) return <>{children}</>;
  return (
    <section className="notice" role="alert">
      <h1>Not for your role</h1>
      <p>This page is for: {roles.map((r) => ROLE_LABELS[r]).join(', ')}. Ask an admin if you need that role.</p>
    </section>
  );
}
