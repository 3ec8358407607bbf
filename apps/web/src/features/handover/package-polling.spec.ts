import { ASSEMBLY_POLL_MS, ASSEMBLY_WAIT_MS, assemblyPollInterval } from './package-polling';

describe('waiting for a handover package to be assembled', () => {
  it('asks every 3 s while an initiative in handover has no package', () => {
    expect(ASSEMBLY_POLL_MS).toBe(3_000);
    expect(assemblyPollInterval([], true, 0)).toBe(3_000);
    expect(assemblyPollInterval([], true, ASSEMBLY_WAIT_MS - 1)).toBe(3_000);
  });

  it('stops after 2 minutes, once a package is there, or when nothing is coming', () => {
    expect(assemblyPollInterval([], true, ASSEMBLY_WAIT_MS)).toBe(false);
    expect(assemblyPollInterval([{ id: 'p' }], true, 0)).toBe(false);
    expect(assemblyPollInterval([], false, 0)).toBe(false);
    expect(assemblyPollInterval(undefined, true, 0)).toBe(false);
  });
});
