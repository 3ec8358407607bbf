import { Actor, AuditTrail, isUniqueViolation, Outbox, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  InvalidProcessModelError,
  NoActiveProcessModelError,
  ProcessModelChangedError,
  ProcessModelFrozenError,
  ProcessModelNotFoundError,
} from './domain/portfolio.errors';
import { parseProcessModelDefinition } from './domain/process-model-input';
import { DEFAULT_PROCESS_MODEL, ProcessModelDefinition } from './domain/process-model';
import { DEFAULT_MODEL_KEY, processModelView, ProcessModelView } from './process-model.views';
import { PROCESS_MODEL_ACTIVATED_EVENT } from './portfolio-events';
import { frozenOr, ProcessModelsService } from './process-models.service';

/** Making a draft the active version of its key, and the default model every installation starts with. */
@Injectable()
export class ProcessModelActivation {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly models: ProcessModelsService,
  ) {}

  /**
   * One transaction: lock every version of the key (activations of one key queue up), retire the active one
   * (its status only; the trigger lets nothing else change), activate this draft. The partial unique index
   * uq_process_models_active_key holds "one active per key" whatever the code does.
   */
  async activate(actor: Actor, id: string): Promise<ProcessModelView> {
    try {
      return await this.tx.run(async (em) => {
        const target = await this.models.load(em, id);
        const versions = (await em.query(
          `SELECT id, version, status FROM process_models WHERE key = $1 ORDER BY version FOR UPDATE`,
          [target.key],
        )) as { id: string; version: number; status: string }[];
        const locked = versions.find((v) => v.id === id);
        if (locked === undefined) throw new ProcessModelNotFoundError(id);
        if (locked.status !== 'draft')
          throw new ProcessModelFrozenError(`Only a draft can be activated; this version is ${locked.status}`);
        const parsed = parseProcessModelDefinition(target.definition);
        if (!parsed.ok) throw new InvalidProcessModelError(parsed.problems);

        const retired = (await em.query(
          `UPDATE process_models SET status = 'retired' WHERE key = $1 AND status = 'active' RETURNING id, version`,
          [target.key],
        )) as [{ id: string; version: number }[], number];
        const [activated, count] = (await em.query(
          `UPDATE process_models SET status = 'active', activated_at = now() WHERE id = $1 AND status = 'draft' RETURNING id`,
          [id],
        )) as [unknown[], number];
        if (count !== 1 || activated.length !== 1) throw new ProcessModelChangedError();

        const previous = retired[0][0] ?? null;
        if (previous !== null) {
          await this.audit.append(em, {
            actor,
            action: 'portfolio.process-model.retired',
            entityType: 'process_model',
            entityId: previous.id,
            reason: `${target.key} v${target.version} activated`,
            before: { status: 'active' },
            after: { status: 'retired' },
          });
        }
        const model = await this.models.load(em, id);
        await this.audit.append(em, {
          actor,
          action: 'portfolio.process-model.activated',
          entityType: 'process_model',
          entityId: id,
          before: { status: 'draft' },
          after: { status: 'active', activatedAt: model.activatedAt, retiredId: previous?.id ?? null },
        });
        await this.outbox.record(em, {
          type: PROCESS_MODEL_ACTIVATED_EVENT,
          aggregateType: 'process_model',
          aggregateId: id,
          payload: { processModelId: id, key: model.key, version: model.version, retiredId: previous?.id ?? null },
        });
        return processModelView(model);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_process_models_active_key')) throw new ProcessModelChangedError();
      throw frozenOr(error);
    }
  }

  /**
   * Creates and activates `default` v1 from DEFAULT_PROCESS_MODEL when no `default` model exists yet. Idempotent,
   * and safe when several processes start at once (ON CONFLICT: one insert wins). Returns whether it created it.
   */
  async ensureDefaultModel(): Promise<{ created: boolean; id: string }> {
    return this.tx.run(async (em) => {
      const existing = await firstOfKey(em, DEFAULT_MODEL_KEY);
      if (existing !== null) return { created: false, id: existing };
      const [row] = (await em.query(
        `INSERT INTO process_models (key, version, name, status, definition, created_by, activated_at)
         VALUES ($1, 1, $2, 'active', $3, NULL, now())
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [DEFAULT_MODEL_KEY, 'Ambidex default: stage-gate after ISO 56001 8.3', JSON.stringify(DEFAULT_PROCESS_MODEL)],
      )) as { id: string }[];
      if (row === undefined) {
        const winner = await firstOfKey(em, DEFAULT_MODEL_KEY);
        if (winner === null) throw new NoActiveProcessModelError(DEFAULT_MODEL_KEY);
        return { created: false, id: winner };
      }
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'portfolio.process-model.seeded',
        entityType: 'process_model',
        entityId: row.id,
        after: { key: DEFAULT_MODEL_KEY, version: 1, status: 'active' },
      });
      return { created: true, id: row.id };
    });
  }

  /** The active version of a key, read inside the caller's transaction. */
  async activeModel(
    em: EntityManager,
    key = DEFAULT_MODEL_KEY,
  ): Promise<{ id: string; definition: ProcessModelDefinition }> {
    const [row] = (await em.query(`SELECT id, definition FROM process_models WHERE key = $1 AND status = 'active'`, [
      key,
    ])) as {
      id: string;
      definition: ProcessModelDefinition;
    }[];
    if (row === undefined) throw new NoActiveProcessModelError(key);
    return row;
  }
}

async function firstOfKey(em: EntityManager, key: string): Promise<string | null> {
  const [row] = (await em.query(`SELECT id FROM process_models WHERE key = $1 ORDER BY version LIMIT 1`, [key])) as {
    id: string;
  }[];
  return row?.id ?? null;
}
