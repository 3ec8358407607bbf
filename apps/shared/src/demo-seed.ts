import { PasswordHasher, Role, UsersService } from '@ambidex/identity';
import { SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedDemoPortfolio } from './demo-portfolio';

export const DEMO_PASSWORD = 'ambidex-demo-2026';

export const DEMO_USERS: { email: string; displayName: string; roles: Role[] }[] = [
  { email: 'lead@ambidex.local', displayName: 'Iris Innovation-Lead', roles: ['innovation_lead'] },
  { email: 'gatekeeper@ambidex.local', displayName: 'Gus Gatekeeper', roles: ['gatekeeper'] },
  { email: 'gatekeeper2@ambidex.local', displayName: 'Gina Gatekeeper', roles: ['gatekeeper'] },
  { email: 'quality@ambidex.local', displayName: 'Quinn Quality-Head', roles: ['quality_head'] },
  { email: 'leadership@ambidex.local', displayName: 'Lee Leadership', roles: ['leadership', 'gatekeeper'] },
];

/** Seeds demo data into an empty database (no users but the bootstrap admin); prints each step. */
export async function seedDemoData(app: INestApplicationContext, log: (line: string) => void): Promise<boolean> {
  const [row] = (await app.get(DataSource).query(`SELECT count(*)::int AS n FROM users`)) as { n: number }[];
  if ((row?.n ?? 0) > 1) return false;
  const users = app.get(UsersService);
  const hash = await app.get(PasswordHasher).hash(DEMO_PASSWORD);
  for (const [index, user] of DEMO_USERS.entries()) {
    await app.get(TransactionRunner).run((em) => users.insert(em, SYSTEM_ACTOR, { ...user, password: DEMO_PASSWORD }, hash));
    log(`  seeding demo users ${index + 1}/${DEMO_USERS.length}: ${user.email}`);
  }
  await seedDemoPortfolio(app, log);
  return true;
}
