import { ASSUMPTION_INVALIDATED_EVENT, LEARNING_ROLLUPS_CHANGED_EVENT } from '@ambidex/experiments';
import { GateEvents } from '@ambidex/gates';
import { HANDOVER_ACCEPTED_EVENT, HANDOVER_CONTROLLED_EVENT } from '@ambidex/handover';
import { APP_CONFIG, AppConfig, DomainEventDelivery } from '@ambidex/platform';
import { INITIATIVE_CREATED_EVENT, INITIATIVE_UPDATED_EVENT, STAGE_CHANGED_EVENT } from '@ambidex/portfolio';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InsightsRefreshScheduler } from './insights-refresh-scheduler';

/** Events after which some dashboard figure of a portfolio may have changed; each names its portfolio. */
export const INSIGHTS_TRIGGER_EVENTS = [
  STAGE_CHANGED_EVENT,
  INITIATIVE_CREATED_EVENT,
  INITIATIVE_UPDATED_EVENT,
  GateEvents.ReviewRequested,
  GateEvents.ReviewDecided,
  ASSUMPTION_INVALIDATED_EVENT,
  LEARNING_ROLLUPS_CHANGED_EVENT,
  HANDOVER_ACCEPTED_EVENT,
  HANDOVER_CONTROLLED_EVENT,
] as const;

/**
 * Brings the read model in line after committed events. An event that names its initiative marks the initiative
 * pending and asks for an apply job, which recomputes each pending initiative's share of the read model (InsightsApply:
 * idempotent and order-independent, so a redelivered or late event is harmless), and so does one that names several
 * (learning roll-ups recomputed in bulk); one that names only its portfolio (a roll-up event past 1,000 initiatives,
 * or one recorded before they named their initiatives) requests a full refresh, which deduplication folds into the
 * pending one.
 */
@Injectable()
export class InsightsEventHandlers implements OnModuleInit {
  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly scheduler: InsightsRefreshScheduler,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.delivery.register({
      name: 'insights.refresh-portfolio',
      eventTypes: INSIGHTS_TRIGGER_EVENTS,
      handle: async (event) => {
        // Absent: an event recorded before events named their portfolio (only until those are delivered); rather than
        // look it up in other contexts' tables, all refresh.
        const portfolioId: string | undefined = event.payload.portfolioId;
        const initiativeIds = initiativesNamedBy(event.payload);
        if (portfolioId === undefined) await this.scheduler.requestAll();
        else if (initiativeIds !== null && this.config.insights.incrementalApply) {
          // Pending until the portfolio's next apply job takes them (with every other initiative pending by then). A
          // mark already there is touched, not skipped: a full refresh running meanwhile must not delete it unseen.
          await this.dataSource.query(
            `INSERT INTO insights_pending_applies (portfolio_id, initiative_id)
             SELECT $1, id FROM unnest($2::uuid[]) AS id ORDER BY id
             ON CONFLICT (portfolio_id, initiative_id) DO UPDATE SET requested_at = now()`,
            [portfolioId, initiativeIds],
          );
          await this.scheduler.requestApply(portfolioId);
        } else await this.scheduler.request(portfolioId);
      },
    });
  }
}

/** The initiatives an event names (one, or a list), or null for an event that names only its portfolio. */
function initiativesNamedBy(payload: object): string[] | null {
  if ('initiativeIds' in payload && Array.isArray(payload.initiativeIds)) {
    const ids = payload.initiativeIds.filter((id): id is string => typeof id === 'string');
    return ids.length > 0 ? [...new Set(ids)] : null;
  }
  if ('initiativeId' in payload && typeof payload.initiativeId === 'string') return [payload.initiativeId];
  return null;
}
