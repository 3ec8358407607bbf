import { hasAnyRole, Principal } from '@ambidex/identity';
import { EntityManager } from 'typeorm';
import { InitiativeClosedError, InitiativeNotFoundError, NotOwnerError } from './domain/portfolio.errors';
import { ownsOrAdministers } from './domain/initiative-ownership';
import { isTerminal } from './domain/stage-machine';
import { InitiativeEntity } from './initiative.entity';

export function isAdmin(principal: Principal): boolean {
  return hasAnyRole(principal.roles, ['admin']);
}

/**
 * The initiative a caller wants to change: it exists (404), the caller owns it or is an admin (403), and its
 * record is not closed by a kill or a completed handover (409). Reads are open to every signed-in user.
 * `share` locks the row FOR SHARE until the transaction ends, for changes that carry no version guard of their own:
 * a stage transition (an UPDATE of the row) then waits for them, or they see its outcome.
 */
export async function initiativeForChange(
  em: EntityManager,
  principal: Principal,
  id: string,
  share = false,
): Promise<InitiativeEntity> {
  const initiative = await em.findOne(InitiativeEntity, {
    where: { id },
    ...(share ? { lock: { mode: 'pessimistic_read' as const } } : {}),
  });
  if (initiative === null) throw new InitiativeNotFoundError(id);
  if (!ownsOrAdministers(principal, initiative)) throw new NotOwnerError();
  if (isTerminal(initiative)) throw new InitiativeClosedError(initiative.status);
  return initiative;
}

/**
 * The first lock of every use case that writes an initiative's experiment log, or anything else under it, in the
 * global lock order (docs/ARCHITECTURE.md, "Lock order"): the initiative rows, in ascending id order, before any row
 * under them, their roll-ups, the audit chain head or the outbox. FOR NO KEY UPDATE serialises these writers with
 * each other and with stage changes, but not with inserts elsewhere whose foreign keys merely point at the row.
 * Returns the ids that exist. `update` (handover's assembly) also waits for, and
 * holds off, inserts whose foreign keys point at the rows.
 */
export async function lockInitiatives(
  em: EntityManager,
  ids: readonly string[],
  strength: 'no key update' | 'update' = 'no key update',
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await em.query(
    `SELECT id FROM initiatives WHERE id = ANY($1::uuid[]) ORDER BY id FOR ${strength === 'update' ? 'UPDATE' : 'NO KEY UPDATE'}`,
    [[...new Set(ids)]],
  )) as IdRow[];
  return new Set(rows.map((r) => r.id));
}

interface IdRow {
  id: string;
}

/** Who owns a locked initiative and where it lives: what a gate decision needs to know of it. */
export interface LockedInitiative {
  id: string;
  ownerId: string;
  portfolioId: string;
}

/**
 * One initiative locked as `lockInitiatives` locks it (FOR NO KEY UPDATE), read in the same statement: a use case
 * on a hot path that needs only its owner and portfolio saves the separate read. Null if there is no such row.
 */
export async function lockInitiative(em: EntityManager, id: string): Promise<LockedInitiative | null> {
  const [row] = (await em.query(
    `SELECT id, owner_id AS "ownerId", portfolio_id AS "portfolioId" FROM initiatives WHERE id = $1 FOR NO KEY UPDATE`,
    [id],
  )) as LockedInitiative[];
  return row ?? null;
}
