import { consolePath } from '@ambidex/identity';
import { subjectLink } from '../../apps/web/src/features/inbox/subject-links';

/** A mail links where the console's inbox links, so the two cannot drift apart unnoticed. */
describe('mail links and the console inbox', () => {
  const subjectTypes = [
    'initiative',
    'gate_review',
    'handover_package',
    'controlled_document',
    'document_revision',
    'handover_action',
    'something_new',
  ];

  it.each(subjectTypes)(
    'an item about a %s links to the same page as in the console (or to the inbox when the console has none)',
    (subjectType) => {
      expect(consolePath({ kind: 'score_review', subjectType, subjectId: 'x-1' })).toBe(
        subjectLink(subjectType, 'x-1') ?? '/inbox',
      );
    },
  );

  it('training is the one exception: the mail opens the training page, where it is acknowledged', () => {
    expect(consolePath({ kind: 'training', subjectType: 'document_revision', subjectId: 'r' })).toBe('/training');
  });
});
