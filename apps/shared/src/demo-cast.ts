import { Principal, Role } from '@ambidex/identity';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const DEMO_PASSWORD = 'ambidex-demo-2026';

export const DEMO_USERS: { email: string; displayName: string; roles: Role[] }[] = [
  { email: 'lead@ambidex.local', displayName: 'Iris Innovation-Lead', roles: ['innovation_lead'] },
  { email: 'gatekeeper@ambidex.local', displayName: 'Gus Gatekeeper', roles: ['gatekeeper'] },
  { email: 'gatekeeper2@ambidex.local', displayName: 'Gina Gatekeeper', roles: ['gatekeeper'] },
  { email: 'quality@ambidex.local', displayName: 'Quinn Quality-Head', roles: ['quality_head'] },
  { email: 'leadership@ambidex.local', displayName: 'Lee Leadership', roles: ['leadership', 'gatekeeper'] },
  { email: 'auditor@ambidex.local', displayName: 'Ada Auditor', roles: ['auditor'] },
];

/** The demo users as the services see them when the seed acts in their name. */
export interface DemoCast {
  lead: Principal;
  chair: Principal;
  quality: Principal;
  auditor: Principal;
  /** Every demo user by id: the gatekeepers a review assigns score as themselves. */
  byId: Map<string, Principal>;
}

export async function loadDemoCast(app: INestApplicationContext): Promise<DemoCast | null> {
  const rows = (await app
    .get(DataSource)
    .query(`SELECT id, email, display_name, roles FROM users WHERE email = ANY($1::text[])`, [
      DEMO_USERS.map((u) => u.email),
    ])) as {
    id: string;
    email: string;
    display_name: string;
    roles: Role[];
  }[];
  const principals = rows.map((r): Principal => ({
    userId: r.id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    sessionId: null,
    apiTokenId: null,
  }));
  const find = (email: string): Principal | undefined => principals.find((p) => p.email === email);
  const [lead, chair, quality, auditor] = [
    find('lead@ambidex.local'),
    find('leadership@ambidex.local'),
    find('quality@ambidex.local'),
    find('auditor@ambidex.local'),
  ];
  if (lead === undefined || chair === undefined || quality === undefined || auditor === undefined) return null;
  return { lead, chair, quality, auditor, byId: new Map(principals.map((p) => [p.userId, p])) };
}
