import { SignedSubject } from '@ambidex/qms';
import { CorrectiveActionRecord, NonconformityRecord } from './nonconformity-rows';

/** What a quality head signs when judging the corrective action effective: the NC as analysed and acted on. */
export function nonconformitySubject(nc: NonconformityRecord, actions: CorrectiveActionRecord[]): SignedSubject {
  return {
    recordType: 'nonconformity',
    recordId: nc.id,
    content: {
      number: nc.number,
      description: nc.description,
      severity: nc.severity,
      containment: nc.containment,
      whys: nc.whys,
      causeCategory: nc.causeCategory,
      actions: actions.map((a) => ({ id: a.id, text: a.text, ownerId: a.ownerId, done: a.doneAt !== null })),
      verdict: 'effective',
    },
  };
}
