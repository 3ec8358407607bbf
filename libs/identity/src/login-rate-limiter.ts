import { APP_CONFIG, AppConfig, PRODUCER_REDIS } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { LoginThrottleUnavailableError, TooManyLoginAttemptsError } from './domain/identity.errors';

/**
 * Counts failed logins per email and per client address in Redis, so every API replica shares the count.
 * An address gets four times an email's allowance (one office, many people).
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, clientIp: string | null): Promise<void> {
    const keys = this.keys(email, clientIp);
    const counts = await unlessRedisFails(this.redis.mget(...keys.map((k) => k.key)));
    for (const [index, { limit, key }] of keys.entries()) {
      if (Number(counts[index] ?? 0) >= limit) {
        const ttl = await unlessRedisFails(this.redis.ttl(key));
        throw new TooManyLoginAttemptsError(ttl > 0 ? ttl : this.config.auth.loginWindowSeconds);
      }
    }
  }

  async recordFailure(email: string, clientIp: string | null): Promise<void> {
    const pipeline = this.redis.multi();
    for (const { key } of this.keys(email, clientIp)) {
      pipeline.incr(key);
      pipeline.expire(key, this.config.auth.loginWindowSeconds, 'NX');
    }
    await unlessRedisFails(pipeline.exec());
  }

  async recordSuccess(email: string): Promise<void> {
    // The password was right: a count left behind only expires later, which is no reason to refuse the sign-in.
    await this.redis.del(this.emailKey(email)).catch(() => undefined);
  }

  private keys(email: string, clientIp: string | null): { key: string; limit: number }[] {
    const max = this.config.auth.loginMaxFailures;
    const keys = [{ key: this.emailKey(email), limit: max }];
    if (clientIp !== null)
      keys.push({ key: `${this.config.queues.prefix}:login-failures:ip:${clientIp}`, limit: max * 4 });
    return keys;
  }

  private emailKey(email: string): string {
    return `${this.config.queues.prefix}:login-failures:email:${email}`;
  }
}

/** Without the counts a password could be guessed without limit: refuse with 503 (not 500) while Redis is away. */
async function unlessRedisFails<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch {
    throw new LoginThrottleUnavailableError();
  }
}
