import { DocumentQueries, DocumentView, ElectronicSignatures, SignatureView } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadPackage, packageSubject } from './package-subject';
import { ProcessKpi, ProcessRecordEntity, ProcessRecordStatus, ProcessRiskControl } from './process-record.entity';

export interface PackageView {
  id: string;
  initiativeId: string;
  reviewId: string | null;
  status: string;
  productDefinition: Record<string, unknown>;
  requirements: { key: string; text: string; assumptionId: string | null; experimentIds: string[]; learningIds: string[] }[];
  risks: unknown[];
  checklist: { key: string; text: string; done: boolean; detail: string }[];
  trainingRoles: string[];
  processRecord: ProcessRecordView | null;
  documents: DocumentView[];
  actions: { id: string; text: string; ownerId: string; dueAt: Date; doneAt: Date | null; escalatedAt: Date | null }[];
  signatures: SignatureView[];
  decidedAt: Date | null;
  decisionReason: string | null;
  /** From the G3 decision until every record is effective and its training done; null until then. */
  timeToControlledHours: number | null;
}

/** The draft process record, with API field names (the table's columns are snake_case). */
export interface ProcessRecordView {
  id: string;
  name: string;
  ownerId: string;
  inputs: string[];
  outputs: string[];
  resources: string[];
  kpis: ProcessKpi[];
  risksAndControls: ProcessRiskControl[];
  status: ProcessRecordStatus;
  createdAt: Date;
  controlledAt: Date | null;
}

/** A package as it is shown and printed: content, documents with their signatures, actions, time-to-controlled. */
@Injectable()
export class PackageQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentQueries,
    private readonly signatures: ElectronicSignatures,
  ) {}

  async get(packageId: string): Promise<PackageView> {
    const em = this.dataSource.manager;
    const pkg = await loadPackage(em, packageId);
    const requirements = (await em.query(
      `SELECT key, text, assumption_id, experiment_ids, learning_ids FROM handover_requirements WHERE package_id = $1 ORDER BY key`,
      [packageId],
    )) as { key: string; text: string; assumption_id: string | null; experiment_ids: string[]; learning_ids: string[] }[];
    const processRecord = await em.findOne(ProcessRecordEntity, { where: { packageId } });
    const documentIds = (await em.query(`SELECT id FROM controlled_documents WHERE package_id = $1 ORDER BY document_type`, [packageId])) as { id: string }[];
    const actions = (await em.query(`SELECT id, text, owner_id, due_at, done_at, escalated_at FROM handover_actions WHERE package_id = $1 ORDER BY due_at`, [packageId])) as {
      id: string; text: string; owner_id: string; due_at: Date; done_at: Date | null; escalated_at: Date | null;
    }[];
    const [timing] = (await em.query(
      `SELECT p.decided_at, p.decision_reason,
              CASE WHEN p.controlled_at IS NULL THEN NULL ELSE extract(epoch FROM p.controlled_at - r.decided_at) / 3600 END AS hours
         FROM handover_packages p LEFT JOIN gate_reviews r ON r.id = p.review_id WHERE p.id = $1`,
      [packageId],
    )) as { decided_at: Date | null; decision_reason: string | null; hours: string | null }[];
    return {
      id: pkg.id,
      initiativeId: pkg.initiative_id,
      reviewId: pkg.review_id,
      status: pkg.status,
      productDefinition: pkg.product_definition,
      requirements: requirements.map((r) => ({ key: r.key, text: r.text, assumptionId: r.assumption_id, experimentIds: r.experiment_ids, learningIds: r.learning_ids })),
      risks: pkg.risks,
      checklist: pkg.checklist,
      trainingRoles: pkg.training_roles,
      processRecord:
        processRecord === null
          ? null
          : {
              id: processRecord.id,
              name: processRecord.name,
              ownerId: processRecord.ownerId,
              inputs: processRecord.inputs,
              outputs: processRecord.outputs,
              resources: processRecord.resources,
              kpis: processRecord.kpis,
              risksAndControls: processRecord.risksAndControls,
              status: processRecord.status,
              createdAt: processRecord.createdAt,
              controlledAt: processRecord.controlledAt,
            },
      documents: await Promise.all(documentIds.map((d) => this.documents.get(d.id))),
      actions: actions.map((a) => ({ id: a.id, text: a.text, ownerId: a.owner_id, dueAt: a.due_at, doneAt: a.done_at, escalatedAt: a.escalated_at })),
      signatures: await this.signatures.of(await packageSubject(em, pkg)),
      decidedAt: timing?.decided_at ?? null,
      decisionReason: timing?.decision_reason ?? null,
      timeToControlledHours: timing?.hours === null || timing?.hours === undefined ? null : Math.round(Number(timing.hours) * 100) / 100,
    };
  }

  async forInitiative(initiativeId: string): Promise<{ id: string; status: string; createdAt: Date }[]> {
    const rows = (await this.dataSource.query(`SELECT id, status, created_at FROM handover_packages WHERE initiative_id = $1 ORDER BY created_at`, [initiativeId])) as {
      id: string; status: string; created_at: Date;
    }[];
    return rows.map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at }));
  }
}
