import { Actor, AuditTrail, isUniqueViolation, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  InvalidProcessModelError,
  ProcessModelChangedError,
  ProcessModelFrozenError,
  ProcessModelNotFoundError,
} from './domain/portfolio.errors';
import { parseProcessModelDefinition } from './domain/process-model-input';
import { ProcessModelDefinition } from './domain/process-model';
import { REFUSED_BY_TRIGGER, sqlState } from './pg-error';
import { ProcessModelEntity } from './process-model.entity';
import { processModelView, ProcessModelView } from './process-model.views';

export interface NewProcessModelDraft {
  key: string;
  name: string;
  /** Untrusted JSON: its shape and rules are checked here, every problem named by its path. */
  definition: unknown;
}

export interface ProcessModelDraftChanges {
  name?: string;
  definition?: unknown;
}

/** Reading process models and editing drafts. Activation lives in ProcessModelActivation. */
@Injectable()
export class ProcessModelsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  /** Every version of every key (or of one key), newest version first. */
  async list(key?: string): Promise<ProcessModelView[]> {
    const models = await this.dataSource.getRepository(ProcessModelEntity).find({
      where: key === undefined ? {} : { key },
      order: { key: 'ASC', version: 'DESC' },
    });
    return models.map(processModelView);
  }

  async get(id: string): Promise<ProcessModelView> {
    return processModelView(await this.load(this.dataSource.manager, id));
  }

  /** A new draft version of a key: version = the key's highest + 1 (the first of a new key is 1). */
  async createDraft(actor: Actor, input: NewProcessModelDraft): Promise<ProcessModelView> {
    const definition = parse(input.definition);
    try {
      return await this.tx.run(async (em) => {
        const id = returnedId(
          await em.query(
            `INSERT INTO process_models (key, version, name, status, definition, created_by)
             SELECT $1, coalesce(max(version), 0) + 1, $2, 'draft', $3, $4 FROM process_models WHERE key = $1
             RETURNING id`,
            [input.key, input.name, JSON.stringify(definition), actor.userId],
          ),
          'a process model draft',
        );
        const model = await this.load(em, id);
        await this.audit.append(em, {
          actor,
          action: 'portfolio.process-model.draft-created',
          entityType: 'process_model',
          entityId: model.id,
          after: processModelView(model),
        });
        return processModelView(model);
      });
    } catch (error) {
      // Two drafts of one key at once both computed the same next version; the unique index kept one.
      if (isUniqueViolation(error, 'uq_process_models_key_version')) throw new ProcessModelChangedError();
      throw error;
    }
  }

  /** Only a draft changes; an active or retired model is refused here and, should this check be bypassed, by the trigger. */
  async updateDraft(actor: Actor, id: string, changes: ProcessModelDraftChanges): Promise<ProcessModelView> {
    const definition = changes.definition === undefined ? undefined : parse(changes.definition);
    try {
      return await this.tx.run(async (em) => {
        const model = await this.load(em, id, true);
        if (model.status !== 'draft') throw new ProcessModelFrozenError();
        const before = processModelView(model);
        await em.query(`UPDATE process_models SET name = $2, definition = $3 WHERE id = $1`, [
          id,
          changes.name ?? model.name,
          JSON.stringify(definition ?? model.definition),
        ]);
        const after = processModelView(await this.load(em, id));
        await this.audit.append(em, {
          actor,
          action: 'portfolio.process-model.draft-updated',
          entityType: 'process_model',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    } catch (error) {
      throw frozenOr(error);
    }
  }

  async load(em: EntityManager, id: string, lock = false): Promise<ProcessModelEntity> {
    const model = await em
      .getRepository(ProcessModelEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (model === null) throw new ProcessModelNotFoundError(id);
    return model;
  }
}

function parse(input: unknown): ProcessModelDefinition {
  const parsed = parseProcessModelDefinition(input);
  if (!parsed.ok) throw new InvalidProcessModelError(parsed.problems);
  return parsed.definition;
}

/** The freeze trigger's refusal (SQLSTATE 42501) is the same rule as ProcessModelFrozenError: say so with its code. */
export function frozenOr(error: unknown): unknown {
  return sqlState(error) === REFUSED_BY_TRIGGER ? new ProcessModelFrozenError() : error;
}
