import { ASSUMPTION_INVALIDATED_EVENT, LEARNING_ROLLUPS_CHANGED_EVENT } from '@ambidex/experiments';
import { GateEvents } from '@ambidex/gates';
import { HANDOVER_ACCEPTED_EVENT } from '@ambidex/handover';
import { DomainEventDelivery, OutboxEventEntity } from '@ambidex/platform';
import { INITIATIVE_CREATED_EVENT, INITIATIVE_UPDATED_EVENT, STAGE_CHANGED_EVENT } from '@ambidex/portfolio';
import { REVISION_EFFECTIVE_EVENT, TRAINING_ACKNOWLEDGED_EVENT } from '@ambidex/qms';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InsightsRefreshScheduler } from './insights-refresh-scheduler';

/** Events after which some dashboard figure of a portfolio may have changed. */
export const INSIGHTS_TRIGGER_EVENTS = [
  STAGE_CHANGED_EVENT,
  INITIATIVE_CREATED_EVENT,
  INITIATIVE_UPDATED_EVENT,
  GateEvents.ReviewRequested,
  GateEvents.ReviewDecided,
  ASSUMPTION_INVALIDATED_EVENT,
  LEARNING_ROLLUPS_CHANGED_EVENT,
  HANDOVER_ACCEPTED_EVENT,
  REVISION_EFFECTIVE_EVENT,
  TRAINING_ACKNOWLEDGED_EVENT,
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOf = (value: unknown): string | null => (typeof value === 'string' && UUID.test(value) ? value : null);

/**
 * Turns committed events into refresh requests for the portfolio they touch. Idempotent: a repeated event only
 * requests a refresh that deduplication folds into the pending one.
 */
@Injectable()
export class InsightsEventHandlers implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly scheduler: InsightsRefreshScheduler,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'insights.refresh-portfolio',
      eventTypes: INSIGHTS_TRIGGER_EVENTS,
      handle: async (event: OutboxEventEntity) => {
        const portfolioId = await this.portfolioOf(event.payload);
        if (portfolioId !== null) await this.scheduler.request(portfolioId);
      },
    });
  }

  /** The portfolio named by the payload, or reached from the initiative, package, document or review it names. */
  private async portfolioOf(payload: Record<string, unknown>): Promise<string | null> {
    const direct = uuidOf(payload.portfolioId);
    if (direct !== null) return direct;
    const [initiativeId, packageId, documentId, reviewId] = [
      payload.initiativeId,
      payload.packageId,
      payload.documentId,
      payload.reviewId,
    ].map(uuidOf);
    if (initiativeId === null && packageId === null && documentId === null && reviewId === null) return null;
    const [row] = (await this.dataSource.query(
      `SELECT coalesce(
                (SELECT portfolio_id FROM initiatives WHERE id = $1::uuid),
                (SELECT i.portfolio_id FROM handover_packages p JOIN initiatives i ON i.id = p.initiative_id WHERE p.id = $2::uuid),
                (SELECT i.portfolio_id FROM controlled_documents d JOIN initiatives i ON i.id = d.origin_initiative_id WHERE d.id = $3::uuid),
                (SELECT i.portfolio_id FROM gate_reviews r JOIN initiatives i ON i.id = r.initiative_id WHERE r.id = $4::uuid)
              ) AS portfolio_id`,
      [initiativeId, packageId, documentId, reviewId],
    )) as { portfolio_id: string | null }[];
    return row?.portfolio_id ?? null;
  }
}
