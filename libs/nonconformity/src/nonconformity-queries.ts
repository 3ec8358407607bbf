import { userContacts } from '@ambidex/identity';
import { ElectronicSignatures, SignatureView } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NcSeverity, NcSource, NcStatus } from './domain/nonconformity-rules';
import {
  actionsOfNonconformity,
  checksOfNonconformity,
  CorrectiveActionRecord,
  EffectivenessCheckRecord,
  loadNonconformity,
  NonconformityRecord,
  selectNonconformities,
} from './nonconformity-rows';
import { nonconformitySubject } from './nonconformity-subject';

export interface NonconformityFilters {
  status?: NcStatus;
  severity?: NcSeverity;
  source?: NcSource;
}

export interface NonconformityView extends NonconformityRecord {
  actions: CorrectiveActionRecord[];
  effectivenessChecks: EffectivenessCheckRecord[];
  signatures: SignatureView[];
  /** The display names of everyone the NC names (raiser, owners, checkers), for the page. */
  people: { id: string; displayName: string }[];
}

/** The register and one NC with its actions, verdicts and signatures. */
@Injectable()
export class NonconformityQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signatures: ElectronicSignatures,
  ) {}

  list(filters: NonconformityFilters): Promise<NonconformityRecord[]> {
    return selectNonconformities(
      this.dataSource.manager,
      `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR severity = $2) AND ($3::text IS NULL OR source = $3)`,
      [filters.status ?? null, filters.severity ?? null, filters.source ?? null],
      'ORDER BY raised_at DESC LIMIT 500',
    );
  }

  async get(id: string): Promise<NonconformityView> {
    const em = this.dataSource.manager;
    const nc = await loadNonconformity(em, id);
    const actions = await actionsOfNonconformity(em, id);
    const checks = await checksOfNonconformity(em, id);
    const named = [nc.raisedBy, nc.containedBy, nc.rootCauseBy, nc.closedBy, ...actions.map((a) => a.ownerId)];
    const contacts = await userContacts(em, [
      ...named.filter((n): n is string => n !== null),
      ...checks.map((c) => c.checkedBy),
    ]);
    return {
      ...nc,
      actions,
      effectivenessChecks: checks,
      signatures: await this.signatures.of(nonconformitySubject(nc, actions), em),
      people: [...contacts.values()].map((c) => ({ id: c.id, displayName: c.displayName })),
    };
  }
}
