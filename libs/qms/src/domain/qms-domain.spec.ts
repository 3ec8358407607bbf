import fc from 'fast-check';
import { formatDocumentNumber } from './document-types';
import { contentHash, manifestation, signatureStatus } from './electronic-signature';
import { diffLines } from './line-diff';
import { REVISION_ACTIONS, REVISION_STATES, stepRevision } from './revision-lifecycle';

describe('document numbering', () => {
  it('pads the sequence', () => {
    expect(formatDocumentNumber({ prefix: 'SOP', padding: 4 }, 7)).toBe('SOP-0007');
    expect(formatDocumentNumber({ prefix: 'WI', padding: 2 }, 123)).toBe('WI-123');
  });
  it('refuses sequences below 1', () => expect(() => formatDocumentNumber({ prefix: 'X', padding: 2 }, 0)).toThrow());
});

describe('revision lifecycle', () => {
  const legal: Record<string, string> = {
    'draft/submit_for_review': 'in_review',
    'in_review/approve': 'approved',
    'in_review/send_back': 'draft',
    'approved/make_effective': 'effective',
    'effective/supersede': 'superseded',
    'effective/make_obsolete': 'obsolete',
  };
  it.each(REVISION_STATES.flatMap((s) => REVISION_ACTIONS.map((a) => [s, a] as const)))('%s + %s', (state, action) => {
    const step = stepRevision(state, action);
    const want = legal[`${state}/${action}`];
    if (want === undefined) expect(step.ok).toBe(false);
    else expect(step).toEqual({ ok: true, to: want });
  });
});

describe('electronic signatures', () => {
  const subject = {
    recordType: 'controlled_document_revision',
    recordId: 'r1',
    content: { title: 'Kiosk SOP', body: 'Step 1' },
  };
  const signed = { recordType: subject.recordType, recordId: subject.recordId, contentHash: contentHash(subject) };

  it('holds while the content is unchanged, whatever the key order', () => {
    expect(signatureStatus(signed, { ...subject, content: { body: 'Step 1', title: 'Kiosk SOP' } })).toBe('valid');
  });
  it('is void once the content changes', () => {
    expect(signatureStatus(signed, { ...subject, content: { title: 'Kiosk SOP', body: 'Step 2' } })).toBe('void');
  });
  it('cannot be copied to another record with the same content', () => {
    expect(signatureStatus(signed, { ...subject, recordId: 'r2' })).toBe('void');
    expect(contentHash({ ...subject, recordId: 'r2' })).not.toBe(signed.contentHash);
  });
  it('prints name, time and meaning', () => {
    expect(manifestation('Quinn Quality-Head', new Date('2026-11-22T10:04:30Z'), 'approved')).toBe(
      'Signed by Quinn Quality-Head, 2026-11-22 10:04 UTC, meaning: approved',
    );
  });
});

describe('line diff', () => {
  it('marks added and removed lines', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'add', text: 'B' },
      { op: 'remove', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'add', text: 'd' },
    ]);
  });
  it('replays: the kept and added lines give the new text, kept and removed the old', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('x', 'y', 'z', 'w'), { maxLength: 12 }),
        fc.array(fc.constantFrom('x', 'y', 'z', 'w'), { maxLength: 12 }),
        (a, b) => {
          const diff = diffLines(a.join('\n'), b.join('\n'));
          expect(
            diff
              .filter((l) => l.op !== 'remove')
              .map((l) => l.text)
              .join('\n'),
          ).toBe(b.join('\n'));
          expect(
            diff
              .filter((l) => l.op !== 'add')
              .map((l) => l.text)
              .join('\n'),
          ).toBe(a.join('\n'));
        },
      ),
    );
  });
});
