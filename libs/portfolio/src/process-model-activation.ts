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
import {
  activateDraft,
  activeModelOf,
  firstVersionOf,
  insertActiveFirstVersion,
  lockModelVersions,
  retireActiveVersion,
} from './process-model-rows';

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
        const versions = await lockModelVersions(em, target.key);
        const locked = versions.find((v) => v.id === id);
        if (locked === undefined) throw new ProcessModelNotFoundError(id);
        if (locked.status !== 'draft')
          throw new ProcessModelFrozenError(`Only a draft can be activated; this version is ${locked.status}`);
        const parsed = parseProcessModelDefinition(target.definition);
        if (!parsed.ok) throw new InvalidProcessModelError(parsed.problems);

        const retiredId = await retireActiveVersion(em, target.key);
        if (!(await activateDraft(em, id))) throw new ProcessModelChangedError();

        if (retiredId !== null) {
          await this.audit.append(em, {
            actor,
            action: 'portfolio.process-model.retired',
            entityType: 'process_model',
            entityId: retiredId,
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
          after: { status: 'active', activatedAt: model.activatedAt, retiredId },
        });
        await this.outbox.record(em, {
          type: PROCESS_MODEL_ACTIVATED_EVENT,
          aggregateType: 'process_model',
          aggregateId: id,
          payload: { processModelId: id, key: model.key, version: model.version, retiredId },
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
      const existing = await firstVersionOf(em, DEFAULT_MODEL_KEY);
      if (existing !== null) return { created: false, id: existing };
      const id = await insertActiveFirstVersion(
        em,
        DEFAULT_MODEL_KEY,
        'Ambidex default: stage-gate after ISO 56001 8.3',
        DEFAULT_PROCESS_MODEL,
      );
      if (id === null) {
        const winner = await firstVersionOf(em, DEFAULT_MODEL_KEY);
        if (winner === null) throw new NoActiveProcessModelError(DEFAULT_MODEL_KEY);
        return { created: false, id: winner };
      }
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'portfolio.process-model.seeded',
        entityType: 'process_model',
        entityId: id,
        after: { key: DEFAULT_MODEL_KEY, version: 1, status: 'active' },
      });
      return { created: true, id };
    });
  }

  /** The active version of a key, read inside the caller's transaction. */
  async activeModel(
    em: EntityManager,
    key = DEFAULT_MODEL_KEY,
  ): Promise<{ id: string; definition: ProcessModelDefinition }> {
    const model = await activeModelOf(em, key);
    if (model === null) throw new NoActiveProcessModelError(key);
    return model;
  }
}
