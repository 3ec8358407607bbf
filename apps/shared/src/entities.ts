import { AUDITS_ENTITIES } from '@ambidex/audits';
import { EVIDENCE_ENTITIES } from '@ambidex/evidence';
import { EXPERIMENTS_ENTITIES } from '@ambidex/experiments';
import { GATES_ENTITIES } from '@ambidex/gates';
import { HANDOVER_ENTITIES } from '@ambidex/handover';
import { IDENTITY_ENTITIES } from '@ambidex/identity';
import { INSIGHTS_ENTITIES } from '@ambidex/insights';
import { LEAN_ENTITIES } from '@ambidex/lean';
import { MARKET_ENTITIES } from '@ambidex/market';
import { MANAGEMENT_REVIEW_ENTITIES } from '@ambidex/management-review';
import { NONCONFORMITY_ENTITIES } from '@ambidex/nonconformity';
import { PLATFORM_ENTITIES } from '@ambidex/platform';
import { PORTFOLIO_ENTITIES } from '@ambidex/portfolio';
import { QMS_ENTITIES } from '@ambidex/qms';

/** Every persisted class, for the data source and the migration check. */
export const ALL_ENTITIES = [
  ...PLATFORM_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...PORTFOLIO_ENTITIES,
  ...EXPERIMENTS_ENTITIES,
  ...GATES_ENTITIES,
  ...QMS_ENTITIES,
  ...HANDOVER_ENTITIES,
  ...NONCONFORMITY_ENTITIES,
  ...AUDITS_ENTITIES,
  ...LEAN_ENTITIES,
  ...MARKET_ENTITIES,
  ...INSIGHTS_ENTITIES,
  ...MANAGEMENT_REVIEW_ENTITIES,
  ...EVIDENCE_ENTITIES,
];
