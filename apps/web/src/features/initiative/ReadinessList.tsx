import type { components } from '../../api/schema';

/** The readiness check's verdict as the review reports it: the open deliverables and each data-decided criterion. */
export function ReadinessList({ readiness }: { readiness: components['schemas']['ReadinessReportDto'] | null }) {
  if (readiness === null) return null;
  return (
    <ul className="readiness">
      {readiness.openDeliverables.map((key) => (
        <li key={`d-${key}`} className="missing">
          Deliverable still open: {key.replace(/_/g, ' ')}
        </li>
      ))}
      {readiness.evaluated.map((c) => (
        <li key={`c-${c.key}`} className={c.pass ? 'met' : 'missing'}>
          {c.pass ? '✓' : '✗'} {c.key.replace(/_/g, ' ')}: {c.detail}
        </li>
      ))}
    </ul>
  );
}
