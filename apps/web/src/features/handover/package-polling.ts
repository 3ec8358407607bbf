/** How often the handover page asks again while a G3 Go's package is being assembled, and for how long. */
export const ASSEMBLY_POLL_MS = 3_000;
export const ASSEMBLY_WAIT_MS = 120_000;

/**
 * The package of a G3 Go is assembled by a background job: while an initiative in handover has none yet, ask
 * again, for a while. An initiative elsewhere has nothing coming, so nothing is asked.
 */
export function assemblyPollInterval(
  packages: readonly unknown[] | undefined,
  inHandover: boolean,
  waitedMs: number,
): number | false {
  if (!inHandover || packages === undefined || packages.length > 0) return false;
  return waitedMs < ASSEMBLY_WAIT_MS ? ASSEMBLY_POLL_MS : false;
}
