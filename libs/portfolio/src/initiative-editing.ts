import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, Outbox, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { InitiativeChangedError, PortfolioInputError } from './domain/portfolio.errors';
import { duplicateTextVersion } from './duplicate-check-rows';
import { DuplicateChecks } from './duplicate-checks';
import { initiativeForChange } from './initiative-access';
import { InitiativeFacts } from './initiative-intake';
import { InitiativeQueries } from './initiative-queries';
import { InitiativeView } from './initiative.views';
import { INITIATIVE_UPDATED_EVENT } from './portfolio-events';

/** Partial facts plus the version the caller read. Absent fields stay; null clears an optional field. */
export type InitiativeChanges = Partial<InitiativeFacts> & { version: number };

/** The title and problem after an edit that changed either, and their text version (initiative_duplicate_texts). */
interface EditedText {
  title: string;
  problem: string;
  version: number;
}

/** What an edit may touch, and the column each field is. Stage and status change only through StageTransitions. */
const EDITABLE: Record<keyof InitiativeFacts, { column: string; required: boolean }> = {
  title: { column: 'title', required: true },
  problem: { column: 'problem', required: true },
  valueHypothesis: { column: 'value_hypothesis', required: true },
  horizon: { column: 'horizon', required: true },
  ambition: { column: 'ambition', required: true },
  innovationType: { column: 'innovation_type', required: true },
  strategicObjective: { column: 'strategic_objective', required: false },
  source: { column: 'source', required: false },
  npv: { column: 'npv', required: false },
  probabilityCommercial: { column: 'probability_commercial', required: false },
  probabilityTechnical: { column: 'probability_technical', required: false },
  commercializationCost: { column: 'commercialization_cost', required: false },
  remainingDevelopmentCost: { column: 'remaining_development_cost', required: false },
  costToDate: { column: 'cost_to_date', required: false },
};

/**
 * Editing an initiative's descriptive and financial facts: owner or admin, guarded by version. A new title or problem
 * is checked for duplicates again, like a new initiative.
 */
@Injectable()
export class InitiativeEditing {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly queries: InitiativeQueries,
    private readonly duplicateChecks: DuplicateChecks,
  ) {}

  async update(principal: Principal, id: string, changes: InitiativeChanges): Promise<InitiativeView> {
    const actor = actorOf(principal);
    const edited = await this.tx.run(async (em): Promise<EditedText | null> => {
      const current = await initiativeForChange(em, principal, id);
      if (current.version !== changes.version) throw new InitiativeChangedError();
      const params: unknown[] = [id, changes.version];
      const sets: string[] = [];
      const before: Record<string, unknown> = { version: current.version };
      const after: Record<string, unknown> = { version: current.version + 1 };
      for (const [field, { column, required }] of Object.entries(EDITABLE) as [
        keyof InitiativeFacts,
        (typeof EDITABLE)[keyof InitiativeFacts],
      ][]) {
        const value = changes[field];
        if (value === undefined) continue;
        if (value === null && required) throw new PortfolioInputError(field, 'cannot be cleared');
        if (value === current[field]) continue;
        params.push(value);
        sets.push(`${column} = $${params.length}`);
        before[field] = current[field];
        after[field] = value;
      }
      if (sets.length === 0) return null; // Nothing differs: no write, no version bump.
      const [, updated] = (await em.query(
        `UPDATE initiatives SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
        params,
      )) as [unknown, number];
      if (updated !== 1) throw new InitiativeChangedError();
      await this.audit.append(em, {
        actor,
        action: 'portfolio.initiative.updated',
        entityType: 'initiative',
        entityId: id,
        before,
        after,
      });
      const textChanged = 'title' in after || 'problem' in after;
      // The trigger on initiatives has bumped the text version in this transaction.
      const textVersion = textChanged ? await duplicateTextVersion(em, id) : null;
      await this.outbox.record(
        em,
        {
          type: INITIATIVE_UPDATED_EVENT,
          aggregateType: 'initiative',
          aggregateId: id,
          payload: {
            initiativeId: id,
            portfolioId: current.portfolioId,
            version: current.version + 1,
            fields: Object.keys(after).filter((k) => k !== 'version'),
          },
        },
        textVersion === null ? {} : { job: this.duplicateChecks.checkAfterChange(id, textVersion), toHandlers: true },
      );
      if (textVersion === null) return null;
      return {
        title: (after.title as string | undefined) ?? current.title,
        problem: (after.problem as string | undefined) ?? current.problem,
        version: textVersion,
      };
    });
    if (edited !== null) await this.duplicateChecks.checkInline(id, edited, 'edit', edited.version);
    return this.queries.get(id);
  }
}
