/** The number a document would get under a scheme, as the API formats it (SOP-0007); null while the form is incomplete. */
export function previewNumber(prefix: string, padding: string, nextValue: string): string | null {
  const pad = Number(padding);
  const next = Number(nextValue);
  if (
    !/^[A-Z][A-Z0-9]{0,9}$/.test(prefix) ||
    !Number.isInteger(pad) ||
    pad < 1 ||
    pad > 10 ||
    !Number.isInteger(next) ||
    next < 1
  )
    return null;
  return `${prefix}-${String(next).padStart(pad, '0')}`;
}

/** Only what changed is sent; the API refuses an empty change. */
export function schemeChanges(
  before: { prefix: string; padding: number; nextValue: number },
  draft: { prefix: string; padding: string; nextValue: string },
): { prefix?: string; padding?: number; nextValue?: number } {
  return {
    ...(draft.prefix !== before.prefix ? { prefix: draft.prefix } : {}),
    ...(Number(draft.padding) !== before.padding ? { padding: Number(draft.padding) } : {}),
    ...(Number(draft.nextValue) !== before.nextValue ? { nextValue: Number(draft.nextValue) } : {}),
  };
}
