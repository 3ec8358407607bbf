import { ProcessModelDefinition } from './domain/process-model';
import { ProcessModelEntity, ProcessModelStatus } from './process-model.entity';

export interface ProcessModelView {
  id: string;
  key: string;
  version: number;
  name: string;
  status: ProcessModelStatus;
  definition: ProcessModelDefinition;
  createdBy: string | null;
  createdAt: Date;
  activatedAt: Date | null;
}

export function processModelView(model: ProcessModelEntity): ProcessModelView {
  const { id, key, version, name, status, definition, createdBy, createdAt, activatedAt } = model;
  return { id, key, version, name, status, definition, createdBy, createdAt, activatedAt };
}

/** Initiatives are pinned to the active version of this key when they are created. */
export const DEFAULT_MODEL_KEY = 'default';
