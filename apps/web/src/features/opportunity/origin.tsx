import { Link } from 'react-router';
import type { components } from '../../api/schema';

export type Origin = components['schemas']['InitiativeOriginDto'];

const ORIGIN_NOUNS: Record<Origin['type'], string> = {
  nonconformity: 'a nonconformity',
  customer_complaint: 'a customer complaint',
  audit_observation: 'an audit observation',
  management_review: 'a management review',
  customer_feedback: 'customer feedback',
};

/** The page of the record operations raised the initiative from; null where the console has none yet. */
export function originPath(origin: Origin): string | null {
  switch (origin.type) {
    case 'nonconformity':
    case 'customer_complaint':
      return `/nonconformities/${origin.id}`;
    case 'audit_observation':
      return `/audits/${origin.id}`;
    case 'customer_feedback':
      return `/market/feedback/${origin.id}`;
    case 'management_review':
      return `/management-reviews/${origin.id}`;
    default:
      return null;
  }
}

/** The origin named by its label (NC-0001, AUD-0003 · clause), linked where it has a page. */
export function OriginLink({ origin }: { origin: Origin }) {
  const name = origin.label ?? ORIGIN_NOUNS[origin.type];
  const path = originPath(origin);
  return (
    <>
      {path === null ? name : <Link to={path}>{name}</Link>}
      {origin.label !== null && ` (${ORIGIN_NOUNS[origin.type]})`}
    </>
  );
}
