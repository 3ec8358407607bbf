import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** last_used_at is kept to the minute. */
const RECORD_EVERY_MS = 60_000;
/** Tokens whose last write this process remembers; a forgotten one costs one conditional UPDATE more. */
const MAX_REMEMBERED = 10_000;

/**
 * Records that a personal API token was used, at most once a minute per token: a write on every request would
 * serialise a busy script on one row. This process remembers when it last wrote (or saw a fresh value), and the
 * UPDATE itself only changes a value older than a minute, so replicas and concurrent requests do not add writes.
 */
@Injectable()
export class ApiTokenUse {
  private readonly recordedAtMs = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  /** `fresh`: the row just read says last_used_at is under a minute old. */
  async record(tokenId: string, fresh = false): Promise<void> {
    const now = Date.now();
    const last = this.recordedAtMs.get(tokenId);
    if (last !== undefined && now - last < RECORD_EVERY_MS) return;
    // Noted before the write: the requests that arrive while it runs must not write too.
    this.remember(tokenId, now);
    if (fresh) return;
    await this.dataSource.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [tokenId],
    );
  }

  private remember(tokenId: string, now: number): void {
    this.recordedAtMs.delete(tokenId);
    if (this.recordedAtMs.size >= MAX_REMEMBERED) {
      const oldest = this.recordedAtMs.keys().next();
      if (oldest.done !== true) this.recordedAtMs.delete(oldest.value);
    }
    this.recordedAtMs.set(tokenId, now);
  }
}
