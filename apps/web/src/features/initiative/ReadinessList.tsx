/** The readiness check's verdict as the review reports it: the open deliverables and each data-decided criterion. */
interface Readiness {
  ready: boolean;
  openDeliverables: string[];
  evaluated: { key: string; pass: boolean; detail: string }[];
}

function isReadiness(value: unknown): value is Readiness {
  return typeof value === 'object' && value !== null && Array.isArray((value as Readiness).openDeliverables);
}

export function ReadinessList({ readiness }: { readiness: unknown }) {
  if (!isReadiness(readiness)) return null;
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
