import { Principal } from '@ambidex/identity';
import { NotProcessOwnerError } from './domain/lean.errors';
import { ValueStreamRecord } from './lean-rows';

/** The process owner runs their value stream and its improvements; a quality head may stand in for them. */
export function assertRunsProcess(principal: Principal, stream: Pick<ValueStreamRecord, 'ownerId'>): void {
  if (stream.ownerId !== principal.userId && !principal.roles.includes('quality_head'))
    throw new NotProcessOwnerError();
}
