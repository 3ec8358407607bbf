import type { Role } from './session';

export interface NavItem {
  to: string;
  label: string;
  /** Who sees the link; everyone signed in when absent. The API decides the data either way. */
  roles?: readonly Role[];
  /** A page the API serves outside the console (a full page load, not a route). */
  outside?: boolean;
}

const LEADS = ['innovation_lead', 'admin'] as const;

export const NAV: readonly NavItem[] = [
  { to: '/inbox', label: 'My work' },
  { to: '/portfolio', label: 'Portfolio' },
  { to: '/initiatives/new', label: 'New initiative', roles: LEADS },
  { to: '/documents', label: 'Documents' },
  { to: '/nonconformities', label: 'Nonconformities' },
  { to: '/nonconformities/new', label: 'Raise a nonconformity' },
  { to: '/audits', label: 'Internal audits' },
  { to: '/improvements', label: 'Improvements', roles: ['quality_head', 'innovation_lead', 'leadership'] },
  { to: '/management-reviews', label: 'Management reviews', roles: ['leadership'] },
  { to: '/evidence', label: 'Evidence', roles: ['auditor', 'quality_head', 'leadership'] },
  { to: '/training', label: 'My training' },
  { to: '/search', label: 'Search' },
  { to: '/dashboard', label: 'Dashboard', roles: ['leadership', 'admin'] },
  { to: '/admin/users', label: 'Users', roles: ['admin'] },
  { to: '/admin/audit', label: 'Audit', roles: ['admin'] },
  { to: '/admin/dead-letters', label: 'Dead letters', roles: ['admin'] },
  { to: '/portfolios', label: 'Portfolio settings', roles: ['leadership', 'admin'] },
  { to: '/process-models', label: 'Process models' },
  { to: '/admin/numbering-schemes', label: 'Numbering', roles: ['admin'] },
  { to: '/review-intervals', label: 'Review intervals', roles: ['quality_head', 'admin'] },
  { to: '/account', label: 'Account' },
];

/**
 * A link whose page has a more specific link of its own (the register and "Raise a nonconformity") is active on its
 * other sub-pages but not on that one, so one page never lights two links.
 */
export function shadowedOn(to: string, pathname: string): boolean {
  return NAV.some(
    (other) =>
      other.to !== to &&
      other.to.startsWith(`${to}/`) &&
      (pathname === other.to || pathname.startsWith(`${other.to}/`)),
  );
}
