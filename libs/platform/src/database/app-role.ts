/**
 * The role the API and the worker run as (created by the SeparateAppRoleAndGuardAuditHeads migration). Migrations
 * run as the owner of the tables; this role may only SELECT and INSERT on the audit trail.
 */
export const APP_DATABASE_ROLE = 'ambidex_app';

/** The owner's URL with the application role as user: its password when one is set, else none (trust or peer auth). */
export function deriveAppDatabaseUrl(ownerUrl: string, password: string | undefined): string {
  const url = new URL(ownerUrl);
  url.username = APP_DATABASE_ROLE;
  url.password = password === undefined ? '' : encodeURIComponent(password);
  return url.toString();
}
