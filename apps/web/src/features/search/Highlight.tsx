/**
 * The search's highlight marks matches with <mark>…</mark> around the learning's own text. It is split on those
 * markers and rendered as text, so nothing a person wrote is ever parsed as HTML.
 */
export function Highlight({ text }: { text: string }) {
  const parts = text.split(/(<mark>|<\/mark>)/);
  let marked = false;
  const out: React.ReactNode[] = [];
  parts.forEach((part, i) => {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part !== '') out.push(marked ? <mark key={i}>{part}</mark> : part);
  });
  return <>{out}</>;
}
