import { gateReviewVerdict } from '@ambidex/gates';
import { nameIn, UserNames } from '@ambidex/identity';
import { queryRows, SqlRunner } from '@ambidex/platform';
import {
  contentHash,
  DocumentQueries,
  DocumentView,
  ElectronicSignatures,
  PackageDocuments,
  SignatureView,
} from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadPackage, packageSubject } from './package-subject';
import { actionsOf, requirementsOf } from './package-rows';
import { ProcessKpi, ProcessRecordEntity, ProcessRecordStatus, ProcessRiskControl } from './process-record.entity';

export interface PackageView {
  id: string;
  initiativeId: string;
  reviewId: string | null;
  status: string;
  productDefinition: Record<string, unknown>;
  requirements: {
    key: string;
    text: string;
    assumptionId: string | null;
    experimentIds: string[];
    learningIds: string[];
  }[];
  risks: unknown[];
  checklist: { key: string; text: string; done: boolean; detail: string }[];
  trainingRoles: string[];
  processRecord: ProcessRecordView | null;
  documents: DocumentView[];
  actions: HandoverActionView[];
  signatures: SignatureView[];
  /** The SHA-256 a signature made now would sign: what a signing dialog shows. */
  contentHash: string;
  submittedById: string | null;
  submittedByName: string | null;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  /** From the G3 decision until every record is effective and its training done; null until then. */
  timeToControlledHours: number | null;
  /** The same, in whole seconds: a handover done within the hour is not 0. */
  timeToControlledSeconds: number | null;
}

export interface HandoverActionView {
  id: string;
  text: string;
  ownerId: string;
  ownerName: string | null;
  dueAt: Date;
  doneAt: Date | null;
  /** The note given when the action was marked done. */
  doneNote: string | null;
  escalatedAt: Date | null;
}

export interface PackageSummary {
  id: string;
  status: string;
  createdAt: Date;
  reviewId: string | null;
  decidedAt: Date | null;
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
    private readonly users: UserNames,
    private readonly packageDocuments: PackageDocuments,
  ) {}

  async get(packageId: string): Promise<PackageView> {
    const em = this.dataSource.manager;
    const pkg = await loadPackage(em, packageId);
    const requirements = await requirementsOf(em, packageId);
    const processRecord = await em.findOne(ProcessRecordEntity, { where: { packageId } });
    const documentIds = await this.packageDocuments.idsOf(packageId, em);
    const actions = await actionsOf(em, packageId);
    const timing = await packageTiming(em, packageId);
    const names = await this.users.names(
      [...actions.map((a) => a.ownerId), timing?.decidedBy, timing?.submittedBy],
      em,
    );
    const seconds = await secondsToControlled(em, timing);
    const subject = await packageSubject(em, pkg);
    return {
      id: pkg.id,
      initiativeId: pkg.initiativeId,
      reviewId: pkg.reviewId,
      status: pkg.status,
      productDefinition: pkg.productDefinition,
      requirements,
      risks: pkg.risks,
      checklist: pkg.checklist,
      trainingRoles: pkg.trainingRoles,
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
      documents: await Promise.all(documentIds.map((id) => this.documents.get(id))),
      actions: actions.map((a) => ({
        id: a.id,
        text: a.text,
        ownerId: a.ownerId,
        ownerName: nameIn(names, a.ownerId),
        dueAt: a.dueAt,
        doneAt: a.doneAt,
        doneNote: a.doneNote,
        escalatedAt: a.escalatedAt,
      })),
      signatures: await this.signatures.of(subject),
      contentHash: contentHash(subject),
      submittedById: timing?.submittedBy ?? null,
      submittedByName: nameIn(names, timing?.submittedBy ?? null),
      decidedById: timing?.decidedBy ?? null,
      decidedByName: nameIn(names, timing?.decidedBy ?? null),
      decidedAt: timing?.decidedAt ?? null,
      decisionReason: timing?.decisionReason ?? null,
      timeToControlledHours: seconds === null ? null : Math.round((seconds / 3600) * 100) / 100,
      timeToControlledSeconds: seconds === null ? null : Math.round(seconds),
    };
  }

  async forInitiative(initiativeId: string): Promise<PackageSummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, status, created_at, review_id, decided_at FROM handover_packages WHERE initiative_id = $1 ORDER BY created_at`,
      [initiativeId],
    )) as PackageSummaryRow[];
    return rows.map(toPackageSummary);
  }

  /** The package a G3 review assembled, if any: the link from a review to its handover. */
  async idOfReview(reviewId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT id FROM handover_packages WHERE review_id = $1`, [
      reviewId,
    ])) as { id: string }[];
    return row?.id ?? null;
  }

  /** The initiative's current package (the live one, else the last rejected): the link from an initiative to its handover. */
  async currentOfInitiative(initiativeId: string): Promise<{ id: string; status: string } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id, status FROM handover_packages WHERE initiative_id = $1 ORDER BY (status <> 'rejected') DESC, created_at DESC LIMIT 1`,
      [initiativeId],
    )) as { id: string; status: string }[];
    return row ?? null;
  }
}

interface PackageSummaryRow {
  id: string;
  status: string;
  created_at: Date;
  review_id: string | null;
  decided_at: Date | null;
}

function toPackageSummary(row: PackageSummaryRow): PackageSummary {
  return {
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    reviewId: row.review_id,
    decidedAt: row.decided_at,
  };
}

/** From the G3 decision to the package being controlled; null until it is (or without the review). */
async function secondsToControlled(
  sql: SqlRunner,
  pkg: { controlledAt: Date | null; reviewId: string | null } | undefined,
): Promise<number | null> {
  if (pkg === undefined || pkg.controlledAt === null || pkg.reviewId === null) return null;
  const decidedAt = (await gateReviewVerdict(sql, pkg.reviewId))?.decidedAt ?? null;
  return decidedAt === null ? null : (pkg.controlledAt.getTime() - decidedAt.getTime()) / 1000;
}

/** Who submitted and decided the package, when, and when it became controlled. */
interface PackageTiming {
  decidedAt: Date | null;
  decisionReason: string | null;
  decidedBy: string | null;
  submittedBy: string | null;
  controlledAt: Date | null;
  reviewId: string | null;
}

interface PackageTimingRow {
  decided_at: Date | null;
  decision_reason: string | null;
  decided_by: string | null;
  submitted_by: string | null;
  controlled_at: Date | null;
  review_id: string | null;
}

async function packageTiming(sql: SqlRunner, packageId: string): Promise<PackageTiming | undefined> {
  const [row] = await queryRows<PackageTimingRow>(
    sql,
    `SELECT decided_at, decision_reason, decided_by, submitted_by, controlled_at, review_id
       FROM handover_packages WHERE id = $1`,
    [packageId],
  );
  return row === undefined
    ? undefined
    : {
        decidedAt: row.decided_at,
        decisionReason: row.decision_reason,
        decidedBy: row.decided_by,
        submittedBy: row.submitted_by,
        controlledAt: row.controlled_at,
        reviewId: row.review_id,
      };
}
