import { consolePath, escapeHtml, inboxItemMail, MailItem, overdueDigestMail } from './mail-content';

const BASE = 'https://ambidex.example/';
const item = (over: Partial<MailItem> = {}): MailItem => ({
  kind: 'score_review',
  subjectType: 'gate_review',
  subjectId: 'r-1',
  title: 'Score G1 for “Clinic app” by 2031-05-04',
  dueAt: new Date('2031-05-04T09:00:00Z'),
  ...over,
});

describe('mail content', () => {
  it('links each subject to its console page, training to the training page, and the rest to the inbox', () => {
    expect(consolePath(item())).toBe('/reviews/r-1');
    expect(consolePath(item({ subjectType: 'initiative', subjectId: 'i' }))).toBe('/initiatives/i');
    expect(consolePath(item({ subjectType: 'handover_package', subjectId: 'p' }))).toBe('/packages/p');
    expect(consolePath(item({ subjectType: 'controlled_document', subjectId: 'd' }))).toBe('/documents/d');
    expect(consolePath(item({ kind: 'approve_revision', subjectType: 'document_revision', subjectId: 'v' }))).toBe(
      '/revisions/v',
    );
    expect(consolePath(item({ kind: 'training', subjectType: 'document_revision', subjectId: 'v' }))).toBe('/training');
    expect(consolePath(item({ subjectType: 'handover_action', subjectId: 'a' }))).toBe('/inbox');
  });

  it('an item mail names the item, what to do, the due date and one absolute link', () => {
    const mail = inboxItemMail('Ada', item(), BASE);
    expect(mail.subject).toBe('Ambidex: Score G1 for “Clinic app” by 2031-05-04');
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain('Score the gate review before its deadline.');
    expect(mail.text).toContain('Due 2031-05-04 (UTC).');
    expect(mail.text).toContain('Open it: https://ambidex.example/reviews/r-1');
    expect(mail.html).toContain('<a href="https://ambidex.example/reviews/r-1">');
    expect(inboxItemMail('Ada', item({ dueAt: null, kind: 'unheard_of' }), BASE).text).not.toContain('Due ');
  });

  it('escapes what users wrote in the HTML, and keeps the subject on one short line', () => {
    const hostile = item({ title: '<script>alert("x")</script> & more\r\nBcc: someone@else', dueAt: null });
    const mail = inboxItemMail('<b>Eve</b>', hostile, BASE);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(mail.html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(inboxItemMail('A', item({ title: 'x'.repeat(500) }), BASE).subject.length).toBeLessThanOrEqual(140);
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('a digest lists every overdue item with its due date and link', () => {
    const items = [
      item(),
      item({
        kind: 'approve_revision',
        subjectType: 'document_revision',
        subjectId: 'v-9',
        title: 'Approve SOP-0007 rev B',
        dueAt: new Date('2031-05-06T00:00:00Z'),
      }),
    ];
    const mail = overdueDigestMail('Ada', items, BASE);
    expect(mail.subject).toBe('Ambidex: 2 overdue items');
    expect(mail.text).toContain('2 overdue items in your Ambidex inbox are past their due date:');
    expect(mail.text).toContain('- Approve SOP-0007 rev B (due 2031-05-06)\n  https://ambidex.example/revisions/v-9');
    expect(mail.html.match(/<li>/g)).toHaveLength(2);
    expect(overdueDigestMail('Ada', [item()], BASE).subject).toBe('Ambidex: 1 overdue item');
    const capped = overdueDigestMail('Ada', items, BASE, 60);
    expect(capped.subject).toBe('Ambidex: 60 overdue items');
    expect(capped.text).toContain('… and 58 more.');
  });
});
