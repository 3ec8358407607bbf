import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AnchoredHead, digestHeads, lineHash, replayCheckpoints, signCheckpoint } from './audit-checkpoint';
import { AuditCheckpointStore } from './audit-checkpoint-store';

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
      const [lock] = (await em.query(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('audit_checkpoint', 0)) AS got`,
      )) as { got: boolean }[];
      if (lock?.got !== true) return { written: false, chains: 0, entries: 0, changed: 0, refused: [] };
      // The database's clock at this snapshot: an entry the checkpoint does not cover must be dated after it.
      const [db] = (await em.query(`SELECT current_database() AS name, now() AS at`)) as { name: string; at: Date }[];
      const database = db?.name ?? '';
      const replayed = replayCheckpoints(this.store.lines(), key, database);
      for (const problem of replayed.problems) this.logger.error(`audit checkpoint file: ${problem}`);

      const current = (await em.query(`SELECT chain_key, seq, hash FROM audit_chain_heads WHERE seq > 0`)) as {
        chain_key: string;
        seq: number;
        hash: string;
      }[];
      const moved = current.filter((row) => {
        const anchored = replayed.heads.get(row.chain_key);
        return anchored === undefined || anchored.seq !== row.seq || anchored.hash !== row.hash;
      });
      const intact = await this.stillAnchored(em, moved, replayed.heads);
      const refused = moved.filter((row) => !intact.has(row.chain_key)).map((row) => row.chain_key);
      for (const chainKey of refused)
        this.logger.error(`audit chain ${chainKey} no longer extends its checkpointed head; not re-anchored`);

      const changed = moved.filter((row) => intact.has(row.chain_key));
      if (changed.length === 0 && replayed.latest !== null) {
        return { written: false, chains: replayed.heads.size, entries: sumSeq(replayed.heads), changed: 0, refused };
      }
      const heads = new Map(replayed.heads);
      for (const row of changed) heads.set(row.chain_key, { seq: row.seq, hash: row.hash });
      const checkpoint = signCheckpoint(
        {
          v: 1,
          at: new Date(db?.at ?? Date.now()).toISOString(),
          database,
          chains: heads.size,
          entries: sumSeq(heads),
          headsDigest: digestHeads(heads),
          prev: replayed.latest === null ? null : lineHash(replayed.latest),
          changed: changed.map((row) => [row.chain_key, row.seq, row.hash]),
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
    moved: { chain_key: string; seq: number }[],
    anchored: ReadonlyMap<string, AnchoredHead>,
  ): Promise<Set<string>> {
    const ok = new Set<string>();
    const toCheck: { chainKey: string; head: AnchoredHead }[] = [];
    for (const row of moved) {
      const head = anchored.get(row.chain_key);
      if (head === undefined) ok.add(row.chain_key);
      else if (row.seq > head.seq) toCheck.push({ chainKey: row.chain_key, head });
    }
    for (let i = 0; i < toCheck.length; i += BATCH) {
      const batch = toCheck.slice(i, i + BATCH);
      const rows = (await em.query(
        `SELECT k.chain_key FROM unnest($1::text[], $2::int[], $3::text[]) AS k(chain_key, seq, hash)
           JOIN audit_entries e ON e.chain_key = k.chain_key AND e.seq = k.seq AND e.hash = k.hash`,
        [batch.map((c) => c.chainKey), batch.map((c) => c.head.seq), batch.map((c) => c.head.hash)],
      )) as { chain_key: string }[];
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
