import { userContacts } from '@ambidex/identity';
import { DocumentQueries, PackageDocuments } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ImprovementStatus } from './domain/lean-rules';
import { ValueStreamNotFoundError } from './domain/lean.errors';
import { MeasuredEffect, measuredEffect } from './domain/value-stream';
import {
  actionsOfImprovement,
  ImprovementActionRecord,
  ImprovementRecord,
  loadImprovement,
  loadValueStream,
  MeasurementRecord,
  selectImprovements,
  selectMeasurements,
  selectValueStreams,
  ValueStreamRecord,
} from './lean-rows';

export interface ValueStreamView extends ValueStreamRecord {
  /** Baseline first, then every measurement in time order (close measurements included). */
  measurements: MeasurementRecord[];
  improvements: ImprovementRecord[];
}

export interface ImprovementSummary extends ImprovementRecord {
  processName: string;
  processRecordId: string;
}

export interface ImprovementView extends ImprovementSummary {
  processOwnerId: string;
  actions: ImprovementActionRecord[];
  closeMeasurement: MeasurementRecord | null;
  effect: MeasuredEffect | null;
  /** The process's controlled documents, where a change request may be raised. */
  documents: { id: string; number: string | null; title: string; status: string }[];
  people: { id: string; displayName: string }[];
}

/** The value stream of a process, the improvement register and one improvement event with its actions and effect. */
@Injectable()
export class LeanQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentQueries,
    private readonly packageDocuments: PackageDocuments,
  ) {}

  async valueStreamOfProcess(processRecordId: string): Promise<ValueStreamView> {
    const [stream] = await selectValueStreams(this.dataSource.manager, 'process_record_id = $1', [processRecordId]);
    if (stream === undefined) throw new ValueStreamNotFoundError(`of process record ${processRecordId}`);
    return this.viewOf(stream);
  }

  async valueStream(id: string): Promise<ValueStreamView> {
    return this.viewOf(await loadValueStream(this.dataSource.manager, id));
  }

  listValueStreams(): Promise<ValueStreamRecord[]> {
    return selectValueStreams(this.dataSource.manager, 'true', [], 'ORDER BY name, opened_at LIMIT 500');
  }

  async list(filters: { status?: ImprovementStatus; valueStreamId?: string }): Promise<ImprovementSummary[]> {
    const em = this.dataSource.manager;
    const events = await selectImprovements(
      em,
      `($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR value_stream_id = $2)`,
      [filters.status ?? null, filters.valueStreamId ?? null],
      'ORDER BY raised_at DESC LIMIT 500',
    );
    const streams = new Map(
      (await selectValueStreams(em, 'id = ANY($1::uuid[])', [[...new Set(events.map((e) => e.valueStreamId))]])).map(
        (s) => [s.id, s],
      ),
    );
    return events.map((e) => ({
      ...e,
      processName: streams.get(e.valueStreamId)?.name ?? '',
      processRecordId: streams.get(e.valueStreamId)?.processRecordId ?? '',
    }));
  }

  async get(id: string): Promise<ImprovementView> {
    const em = this.dataSource.manager;
    const event = await loadImprovement(em, id);
    const stream = await loadValueStream(em, event.valueStreamId);
    const actions = await actionsOfImprovement(em, id);
    const [closeMeasurement] =
      event.closeMeasurementId === null ? [] : await selectMeasurements(em, 'id = $1', [event.closeMeasurementId]);
    const effect =
      closeMeasurement === undefined || event.beforeLeadTime === null
        ? null
        : measuredEffect(
            { leadTime: event.beforeLeadTime, flowEfficiency: event.beforeFlowEfficiency },
            { leadTime: closeMeasurement.leadTime, flowEfficiency: closeMeasurement.flowEfficiency },
          );
    const documents = [];
    for (const documentId of await this.packageDocuments.idsOf(stream.packageId, em)) {
      const d = await this.documents.get(documentId);
      documents.push({ id: d.id, number: d.number, title: d.title, status: d.status });
    }
    const named = [event.raisedBy, event.closedBy, stream.ownerId, ...actions.map((a) => a.ownerId)];
    const contacts = await userContacts(
      em,
      named.filter((n): n is string => n !== null),
    );
    return {
      ...event,
      processName: stream.name,
      processRecordId: stream.processRecordId,
      processOwnerId: stream.ownerId,
      actions,
      closeMeasurement: closeMeasurement ?? null,
      effect,
      documents,
      people: [...contacts.values()].map((c) => ({ id: c.id, displayName: c.displayName })),
    };
  }

  private async viewOf(stream: ValueStreamRecord): Promise<ValueStreamView> {
    const em = this.dataSource.manager;
    return {
      ...stream,
      measurements: await selectMeasurements(em, 'value_stream_id = $1', [stream.id]),
      improvements: await selectImprovements(em, 'value_stream_id = $1', [stream.id]),
    };
  }
}
