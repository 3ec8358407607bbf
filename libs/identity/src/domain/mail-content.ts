/** What an e-mail about the inbox says: pure text building, so it is tested without a mail server. */

export interface MailItem {
  kind: string;
  subjectType: string;
  subjectId: string;
  title: string;
  dueAt: Date | null;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The console's page for an item's subject, as apps/web/src/features/inbox/subject-links.ts maps it. */
const SUBJECT_PATHS: Record<string, (id: string) => string> = {
  initiative: (id) => `/initiatives/${id}`,
  gate_review: (id) => `/reviews/${id}`,
  handover_package: (id) => `/packages/${id}`,
  controlled_document: (id) => `/documents/${id}`,
  document_revision: (id) => `/revisions/${id}`,
};

/** Training is acknowledged on the training page, not on the revision the item is about. */
const KIND_PATHS: Record<string, string> = { training: '/training' };

export const INBOX_PATH = '/inbox';

/** The console path an item's mail links to; the inbox itself when the subject has no page of its own. */
export function consolePath(item: Pick<MailItem, 'kind' | 'subjectType' | 'subjectId'>): string {
  return KIND_PATHS[item.kind] ?? SUBJECT_PATHS[item.subjectType]?.(item.subjectId) ?? INBOX_PATH;
}

export function consoleUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** What the reader is asked to do, by item kind; an unknown kind falls back to a plain "have a look". */
const ACTIONS: Record<string, string> = {
  score_review: 'Score the gate review before its deadline.',
  decide_review: 'Take the decision on the gate review you chair.',
  review_reminder: 'Your scorecard for this gate review is still missing.',
  review_overdue: 'The gate review you chair passed its deadline without all scorecards.',
  review_not_ready: 'Your gate review is not ready: complete what the readiness report lists and ask again.',
  hold_expired: 'The hold expired: the initiative is back for your decision.',
  approve_revision: 'Review the document revision and approve it or send it back.',
  training: 'Read the new effective revision and acknowledge your training.',
  document_review_flagged: 'An assumption this document cites was invalidated: review the document.',
  document_review_due:
    'The periodic review of this document is coming due: record it as still valid or raise a change.',
  document_review_overdue: 'The periodic review of this document is overdue.',
  handover_package_assembled: 'Complete the handover package and submit it.',
  handover_to_accept: 'Accept, accept on conditions or reject the handover package.',
  handover_action: 'Complete the handover condition by its due date.',
  handover_action_overdue: 'A handover condition passed its due date.',
  possible_duplicates: 'Check whether the initiative duplicates existing ones.',
};

export function actionFor(kind: string): string {
  return ACTIONS[kind] ?? 'Have a look at it in Ambidex.';
}

/** Header values never carry line breaks, and stay short enough to read in a list. */
function headerText(value: string, max = 140): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

function page(bodyHtml: string): string {
  return `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.4">${bodyHtml}</body></html>`;
}

/** The mail about one new inbox item: what it is, what to do, one link to where it is done. */
export function inboxItemMail(recipientName: string, item: MailItem, publicUrl: string): MailContent {
  const link = consoleUrl(publicUrl, consolePath(item));
  const inbox = consoleUrl(publicUrl, INBOX_PATH);
  const action = actionFor(item.kind);
  const due = item.dueAt === null ? null : `Due ${day(item.dueAt)} (UTC).`;
  const text = [
    `Hello ${recipientName},`,
    '',
    item.title,
    '',
    action,
    ...(due === null ? [] : [due]),
    '',
    `Open it: ${link}`,
    '',
    `It stays in your Ambidex inbox until it is done: ${inbox}`,
    '',
  ].join('\n');
  const html = page(
    `<p>Hello ${escapeHtml(recipientName)},</p>` +
      `<p><strong>${escapeHtml(item.title)}</strong></p>` +
      `<p>${escapeHtml(action)}${due === null ? '' : ` ${escapeHtml(due)}`}</p>` +
      `<p><a href="${escapeHtml(link)}">Open it in Ambidex</a></p>` +
      `<p>It stays in your <a href="${escapeHtml(inbox)}">Ambidex inbox</a> until it is done.</p>`,
  );
  return { subject: headerText(`Ambidex: ${item.title}`), text, html };
}

/**
 * One user's daily digest: the open inbox items past their due date, oldest deadline first, each with its link.
 * `total` counts them all when only the first ones are listed.
 */
export function overdueDigestMail(
  recipientName: string,
  items: MailItem[],
  publicUrl: string,
  total = items.length,
): MailContent {
  const inbox = consoleUrl(publicUrl, INBOX_PATH);
  const lines = items.map((item) => ({
    item,
    link: consoleUrl(publicUrl, consolePath(item)),
    due: item.dueAt === null ? '' : day(item.dueAt),
  }));
  const count = total === 1 ? '1 overdue item' : `${total} overdue items`;
  const intro = `${count} in your Ambidex inbox ${total === 1 ? 'is past its' : 'are past their'} due date:`;
  const more = total > items.length ? `… and ${total - items.length} more.` : null;
  const text = [
    `Hello ${recipientName},`,
    '',
    intro,
    '',
    ...lines.flatMap(({ item, link, due }) => [`- ${item.title} (due ${due})`, `  ${link}`]),
    ...(more === null ? [] : [more]),
    '',
    `Your inbox: ${inbox}`,
    '',
  ].join('\n');
  const html = page(
    `<p>Hello ${escapeHtml(recipientName)},</p>` +
      `<p>${escapeHtml(intro)}</p>` +
      `<ul>${lines.map(({ item, link, due }) => `<li><a href="${escapeHtml(link)}">${escapeHtml(item.title)}</a> (due ${escapeHtml(due)})</li>`).join('')}</ul>` +
      (more === null ? '' : `<p>${escapeHtml(more)}</p>`) +
      `<p><a href="${escapeHtml(inbox)}">Your inbox</a></p>`,
  );
  return { subject: `Ambidex: ${count}`, text, html };
}
