/** The roles of PRODUCT.md; a user holds one or more. */
export const ROLES = ['innovation_lead', 'gatekeeper', 'quality_head', 'auditor', 'leadership', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(held: readonly Role[], wanted: readonly Role[]): boolean {
  return wanted.some((role) => held.includes(role));
}

/** Sorted and without duplicates, so stored role lists compare equal. */
export function normaliseRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}
