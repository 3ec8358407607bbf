import { APP_CONFIG, AppConfig } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Principal } from './principal';

interface Entry {
  principal: Principal;
  /** The cache's own expiry, or the session's or token's, whichever is sooner. */
  expiresAtMs: number;
}

/** What a lookup hands back to `store`: which invalidations it has already seen, or that storing is off. */
export type CacheTicket = number;
const NOT_STORED: CacheTicket = -1;

/** Enough for every signed-in person and script of a large installation; beyond it the oldest entry goes. */
const MAX_ENTRIES = 10_000;

/**
 * Principals resolved in the last few seconds, so a busy client's requests skip the session query. Sound only with
 * PrincipalRevocations: everything that could refuse or change a principal (logout, a revoked session or token,
 * deactivation, a role change) is broadcast to every replica, and each drops that user's entries before the change
 * answers. The cache is empty and bypassed whenever that broadcast cannot be heard (not subscribed, Redis away).
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  /** Counts invalidations: a lookup that overlapped one may carry what it revoked, so it is not stored. */
  private generation = 0;
  private listening = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ttlMs = config.auth.principalCacheMs;
  }

  /** True while invalidations are heard and entries are kept. */
  get active(): boolean {
    return this.listening && this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, nowMs: number): Principal | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  /** Taken before the database lookup whose result may be stored. */
  ticket(): CacheTicket {
    return this.active ? this.generation : NOT_STORED;
  }

  store(key: string, ticket: CacheTicket, principal: Principal, validUntilMs: number, nowMs: number): void {
    if (ticket === NOT_STORED || ticket !== this.generation || !this.active) return;
    this.entries.delete(key); // re-inserted at the end: the Map's order is the eviction order
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { principal, expiresAtMs: Math.min(nowMs + this.ttlMs, validUntilMs) });
  }

  /** Drops every entry of the user (all sessions and tokens: a revocation is rare, a re-read is cheap). */
  dropUser(userId: string): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) {
      if (entry.principal.userId === userId) this.entries.delete(key);
    }
  }

  /** Invalidations can be heard from now on. */
  open(): void {
    this.generation += 1;
    this.listening = true;
  }

  /** Invalidations may be missed from now on: forget everything and stop storing until `open` again. */
  close(): void {
    this.generation += 1;
    this.listening = false;
    this.entries.clear();
  }
}
