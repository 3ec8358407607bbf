import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { queryRows } from '../database/query-rows';
import { AnchoredHead, digestHeads, lineHash, replayCheckpoints, signCheckpoint } from './audit-checkpoint';
import { AuditCheckpointStore } from './audit-checkpoint-store';
import { ChainHead, chainHeadOf, ChainHeadRow } from './chain-head-rows';

export interface CheckpointOutcome {
  written: boolean;
  chains: number;
  entries: number;
  changed: number;
  /** Chains whose head no longer extends the checkpointed one: left at their anchored head, never re-anchored. */
  refused: string[];
}

const BATCH = 5000;

/**
 * Signs the current set of chain heads into the checkpoint file (a repeatable worker job). A head is only carried
 * forward when the database still holds the anchored entry under the anchored hash, so a checkpoint never launders
 * a rewrite that happened since the previous one.
 */
@Injectable()
export class AuditCheckpointer {
  private readonly logger = new Logger(AuditCheckpointer.name);
  private readonly store: AuditCheckpointStore;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = new AuditCheckpointStore(config.audit);
  }

  async checkpoint(): Promise<CheckpointOutcome> {
    const key = this.store.signingKey();
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      // One checkpointer at a time: two would both link to the same previous line.
      const [lock] = await queryRows<{ got: boolean }>(
        em,
        `SELECT pg_try_advisory_xact_lock(hashtextextended('audit_checkpoint', 0)) AS got`,
      );
      if (lock?.got !== true) return { written: false, chains: 0, entries: 0, changed: 0, refused: [] };
      // The database's clock at this snapshot: an entry the checkpoint does not cover must be dated after it.
      const [db] = await queryRows<{ name: string; at: Date }>(em, `SELECT current_database() AS name, now() AS at`);
      const database = db?.name ?? '';
      const replayed = replayCheckpoints(this.store.lines(), key, database);
      for (const problem of replayed.problems) this.logger.error(`audit checkpoint file: ${problem}`);

      const current = await queryRows<ChainHeadRow>(
        em,
        `SELECT chain_key, seq, hash FROM audit_chain_heads WHERE seq > 0`,
      );
      const moved = current.map(chainHeadOf).filter((head) => {
        const anchored = replayed.heads.get(head.chainKey);
        return anchored === undefined || anchored.seq !== head.seq || anchored.hash !== head.hash;
      });
      const intact = await this.stillAnchored(em, moved, replayed.heads);
      const refused = moved.filter((head) => !intact.has(head.chainKey)).map((head) => head.chainKey);
      for (const chainKey of refused)
        this.logger.error(`audit chain ${chainKey} no longer extends its checkpointed head; not re-anchored`);

      const changed = moved.filter((head) => intact.has(head.chainKey));
      if (changed.length === 0 && replayed.latest !== null) {
        return { written: false, chains: replayed.heads.size, entries: sumSeq(replayed.heads), changed: 0, refused };
      }
      const heads = new Map(replayed.heads);
      for (const head of changed) heads.set(head.chainKey, { seq: head.seq, hash: head.hash });
      const checkpoint = signCheckpoint(
        {
          v: 1,
          at: new Date(db?.at ?? Date.now()).toISOString(),
          database,
          chains: heads.size,
          entries: sumSeq(heads),
          headsDigest: digestHeads(heads),
          prev: replayed.latest === null ? null : lineHash(replayed.latest),
          changed: changed.map((head) => [head.chainKey, head.seq, head.hash]),
        },
        key,
      );
      this.store.append(checkpoint);
      return {
        written: true,
        chains: checkpoint.chains,
        entries: checkpoint.entries,
        changed: changed.length,
        refused,
      };
    });
  }

  /** The moved chains whose anchored entry is still there with its anchored hash (new chains are always fine). */
  private async stillAnchored(
    em: EntityManager,
    moved: readonly ChainHead[],
    anchored: ReadonlyMap<string, AnchoredHead>,
  ): Promise<Set<string>> {
    const ok = new Set<string>();
    const toCheck: { chainKey: string; head: AnchoredHead }[] = [];
    for (const current of moved) {
      const head = anchored.get(current.chainKey);
      if (head === undefined) ok.add(current.chainKey);
      else if (current.seq > head.seq) toCheck.push({ chainKey: current.chainKey, head });
    }
    for (let i = 0; i < toCheck.length; i += BATCH) {
      const batch = toCheck.slice(i, i + BATCH);
      const rows = await queryRows<{ chain_key: string }>(
        em,
        `SELECT k.chain_key FROM unnest($1::text[], $2::int[], $3::text[]) AS k(chain_key, seq, hash)
           JOIN audit_entries e ON e.chain_key = k.chain_key AND e.seq = k.seq AND e.hash = k.hash`,
        [batch.map((c) => c.chainKey), batch.map((c) => c.head.seq), batch.map((c) => c.head.hash)],
      );
      for (const row of rows) ok.add(row.chain_key);
    }
    return ok;
  }
}

export function sumSeq(heads: ReadonlyMap<string, AnchoredHead>): number {
  let total = 0;
  for (const head of heads.values()) total += head.seq;
  return total;
}
