import { APP_CONFIG, AppConfig, PRODUCER_REDIS, REDIS_URL } from '@ambidex/platform';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { PrincipalCache } from './principal-cache';

/** How long a change waits for every replica to confirm; past it the stragglers' entries still expire by their TTL. */
const CONFIRM_WITHIN_MS = 2_000;

interface Revocation {
  userId: string;
  /** The replica that broadcast it, which waits for the confirmations on its own channel. */
  origin: string;
  id: string;
}

interface Pending {
  heard: number;
  expected: number | undefined;
  settle: () => void;
}

/**
 * Tells every replica's PrincipalCache, through Redis pub/sub, that a user's principal changed or was revoked, and
 * waits until each replica listening has dropped it: the change's request answers only then, so the next request
 * anywhere is refused. Called after the change committed (a replica re-reading earlier would cache the old row).
 *
 * Each replica that answers requests listens on a dedicated connection (`listen`, called by the API's access guard; a
 * worker keeps no principals, and a listener would only make every change wait for its confirmation). While that
 * connection is down (or before it has subscribed) the replica cannot hear revocations, so its cache is emptied and
 * bypassed until it has subscribed again.
 */
@Injectable()
export class PrincipalRevocations implements OnApplicationShutdown {
  private readonly logger = new Logger(PrincipalRevocations.name);
  private readonly replica = randomUUID();
  private readonly channel: string;
  private readonly confirmations: string;
  private readonly pending = new Map<string, Pending>();
  private subscriber: Redis | undefined;
  /** Counts lost connections: a subscription confirmed for an older connection must not open the cache. */
  private connection = 0;

  constructor(
    @Inject(REDIS_URL) private readonly redisUrl: string,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: PrincipalCache,
  ) {
    this.channel = `${config.queues.prefix}:identity:principal-revoked`;
    this.confirmations = `${this.channel}:heard-by:${this.replica}`;
  }

  listen(): void {
    if (this.config.auth.principalCacheMs === 0 || this.subscriber !== undefined) return; // nothing kept, or listening
    const subscriber = new Redis(this.redisUrl, {
      autoResubscribe: false, // resubscribed by hand, to know when the cache may open again
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    subscriber.on('ready', () => void this.subscribe(subscriber));
    subscriber.on('close', () => {
      this.connection += 1;
      this.cache.close();
    });
    subscriber.on('error', (error: Error) => this.logger.warn(`revocation listener: ${error.message}`));
    subscriber.on('message', (channel: string, message: string) => this.heard(channel, message));
    this.subscriber = subscriber;
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
    this.cache.close();
    for (const pending of this.pending.values()) pending.settle();
  }

  /** After the commit of a change to the user's sessions, tokens, roles or status. Never throws. */
  async broadcast(userId: string): Promise<void> {
    this.cache.dropUser(userId);
    // The setting is the same on every replica: with it off, no replica keeps anything or listens.
    if (this.config.auth.principalCacheMs === 0) return;
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const confirmed = new Promise<void>((settle) => {
      this.pending.set(id, { heard: 0, expected: undefined, settle });
      timer = setTimeout(settle, CONFIRM_WITHIN_MS);
    });
    try {
      const message = JSON.stringify({ userId, origin: this.replica, id } satisfies Revocation);
      const listeners = await Promise.race([this.redis.publish(this.channel, message), confirmed.then(() => null)]);
      if (listeners === null) throw new Error(`no answer from Redis within ${CONFIRM_WITHIN_MS} ms`);
      this.expect(id, listeners);
      await confirmed;
      const pending = this.pending.get(id);
      if (pending !== undefined && pending.heard < listeners) {
        this.logger.warn(
          `revocation of user ${userId} confirmed by ${pending.heard} of ${listeners} replicas within ${CONFIRM_WITHIN_MS} ms; ` +
            `the others drop it within AUTH_PRINCIPAL_CACHE_MS`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `revocation of user ${userId} not broadcast (${(error as Error).message}); ` +
          `other replicas drop it within AUTH_PRINCIPAL_CACHE_MS`,
      );
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  private async subscribe(subscriber: Redis): Promise<void> {
    const connection = this.connection;
    try {
      await subscriber.subscribe(this.channel, this.confirmations);
      if (connection === this.connection && subscriber.status === 'ready') this.cache.open();
    } catch (error) {
      this.logger.warn(`revocation listener could not subscribe: ${(error as Error).message}`);
    }
  }

  private heard(channel: string, message: string): void {
    if (channel === this.confirmations) {
      const pending = this.pending.get(message);
      if (pending !== undefined) {
        pending.heard += 1;
        this.settleIfAllHeard(pending);
      }
      return;
    }
    if (channel !== this.channel) return;
    let revocation: Revocation;
    try {
      revocation = JSON.parse(message) as Revocation;
    } catch {
      return;
    }
    if (typeof revocation.userId !== 'string') return;
    this.cache.dropUser(revocation.userId);
    void this.redis
      .publish(`${this.channel}:heard-by:${revocation.origin}`, revocation.id)
      .catch((error: Error) => this.logger.warn(`could not confirm a revocation: ${error.message}`));
  }

  private expect(id: string, listeners: number): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    pending.expected = listeners;
    this.settleIfAllHeard(pending);
  }

  private settleIfAllHeard(pending: Pending): void {
    if (pending.expected !== undefined && pending.heard >= pending.expected) pending.settle();
  }
}
