import { TEST_PASSWORD } from '../../support/test-app';
import { Actor, expectNothingWaiting, myWorkItem, reloadUntil, Story, until } from './story';

/** The handover steps of the story: the package signed by both parties, the documents approved, the people trained. */

export interface PackageInput {
  control: string;
  /** KPI name → baseline, for the KPIs the package has no baseline for yet. */
  baselines: Record<string, number>;
  inputs: string;
  outputs: string;
  resources: string;
  trainRole: string;
}

/** After the G3 Go a worker assembles the package; the lead completes it and submits it signed as its author. */
export async function leadSubmitsPackage(story: Story, lead: Actor, title: string, input: PackageInput): Promise<void> {
  const item = await myWorkItem(story, lead, 'Handover package ready', title);
  await item.getByRole('link').click();
  const page = lead.page;
  await page.getByRole('heading', { name: `Handover package: ${title}` }).waitFor();
  await page.getByText('Draft: the lead prepares it').waitFor();
  await page
    .getByRole('region', { name: 'Requirements and their evidence' })
    .getByText(/REQ-001/)
    .waitFor();
  for (const control of await page.getByLabel(/^Control for:/).all()) await control.fill(input.control);
  for (const [kpi, value] of Object.entries(input.baselines))
    await page.getByLabel(new RegExp(`^Baseline of ${escapeRegExp(kpi)}`)).fill(String(value));
  for (const baseline of await page.getByLabel(/^Baseline of/).all()) expect(await baseline.inputValue()).not.toBe('');
  await page.getByRole('checkbox', { name: input.trainRole, exact: true }).check();
  await page.getByLabel('Inputs (comma separated)').fill(input.inputs);
  await page.getByLabel('Outputs (comma separated)').fill(input.outputs);
  await page.getByLabel('Resources (comma separated)').fill(input.resources);
  await page.getByRole('button', { name: 'Save the package' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const readiness = page.getByRole('region', { name: 'Transfer readiness' });
  await until(
    () => readiness.getByText(/^✗/).count(),
    (open) => open === 0,
    'open transfer-readiness items',
  );
  await story.shows(lead, 'lead-prepares-the-package');

  await page.getByRole('button', { name: 'Submit for acceptance…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign: authored' });
  await dialog.getByText(lead.email).waitFor();
  await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
  await story.shows(lead, 'lead-signs-the-package');
  await dialog.getByRole('button', { name: 'Sign' }).click();
  await page.getByText('Submitted: waiting for the quality head').waitFor();
  await page
    .getByRole('region', { name: 'Signatures' })
    .getByText(/authored/)
    .waitFor();
}

export async function qualityHeadAccepts(story: Story, quality: Actor, title: string): Promise<void> {
  const item = await myWorkItem(story, quality, 'Handover to accept', title);
  await item.getByRole('link').click();
  const page = quality.page;
  await page.getByRole('heading', { name: `Handover package: ${title}` }).waitFor();
  await page
    .getByRole('region', { name: 'Risks and controls' })
    .getByText(/control:/)
    .first()
    .waitFor();
  await story.shows(quality, 'quality-head-reads-the-package');
  await page.getByLabel('Verdict', { exact: true }).selectOption('accept');
  await page.getByRole('button', { name: 'Sign the verdict…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign: accepted' });
  await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign' }).click();
  await page.getByText('Accepted', { exact: true }).first().waitFor();
  const signatures = page.getByRole('region', { name: 'Signatures' });
  await signatures.getByText(/authored/).waitFor();
  await signatures.getByText(/accepted/).waitFor();
  // Acceptance numbers the documents and routes them to the quality head for approval.
  await page
    .getByRole('region', { name: 'Draft documents' })
    .getByRole('link', { name: /^SOP-\d+/ })
    .waitFor();
  await story.shows(quality, 'quality-head-accepts');
}

/** Every revision routed to the quality head, approved with a signature from My work; each becomes effective. */
export async function qualityHeadApprovesDocuments(story: Story, quality: Actor, expected: number): Promise<string[]> {
  const approved: string[] = [];
  for (let n = 1; n <= expected; n++) {
    const item = await myWorkItem(story, quality, 'Approve a revision', /Review and approve/);
    await item.getByRole('link').click();
    const page = quality.page;
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    const revision = page.getByRole('listitem', { name: 'Revision 1' });
    await revision.getByText('In review', { exact: true }).waitFor();
    await revision.getByRole('button', { name: 'Approve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign: approved' });
    await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await revision.getByText('Effective', { exact: true }).waitFor();
    await revision.getByText(/approved \(valid\)/).waitFor();
    approved.push((await heading.textContent()) ?? '');
    if (n === 1) await story.shows(quality, 'quality-head-approves-a-document');
  }
  await story.goto(quality, '/inbox');
  await quality.page.getByRole('heading', { name: 'My work' }).waitFor();
  await expect(quality.page.getByRole('listitem').filter({ hasText: 'Approve a revision' }).count()).resolves.toBe(0);
  return approved;
}

/** A person holding the trained role reads each effective document and acknowledges it on My training. */
export async function acknowledgesTraining(
  story: Story,
  person: Actor,
  documents: string[],
  screenshots: boolean,
): Promise<void> {
  const page = person.page;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My training' }).click();
  await page.getByRole('heading', { name: 'My training' }).waitFor();
  for (const document of documents) await page.getByRole('listitem', { name: document }).waitFor();
  if (screenshots) await story.shows(person, 'trainee-has-documents-to-read');
  for (const document of documents) {
    const card = page.getByRole('listitem', { name: document });
    await card.getByRole('button', { name: 'I have read and understood it' }).click();
    await card.getByText(/^acknowledged/).waitFor();
  }
  await expect(page.getByRole('button', { name: 'I have read and understood it' }).count()).resolves.toBe(0);
  await expectNothingWaiting(person);
  if (screenshots) await story.shows(person, 'trainee-acknowledges');
}

/**
 * Leadership finds the initiative handed over, in operation, on the portfolio board, and its handover controlled
 * (every document effective, everyone trained) with the time it took.
 */
export async function leadershipSeesOnBoard(story: Story, leader: Actor, title: string): Promise<void> {
  const page = leader.page;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio', exact: true }).click();
  await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
  const inOperation = page.getByRole('region', { name: /^In operation/ });
  await inOperation.getByRole('link', { name: title }).waitFor();
  await story.shows(leader, 'leadership-sees-it-in-operation');
  await inOperation.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await page
    .getByRole('region', { name: 'Stage history' })
    .getByText('Handover accepted → In operation (Handed over)')
    .waitFor();
  await page.getByRole('navigation', { name: 'Initiative' }).getByRole('link', { name: 'Handover' }).click();
  await page.getByRole('heading', { name: `Handover package: ${title}` }).waitFor();
  // The package becomes controlled in a worker job once the last acknowledgement is in.
  await reloadUntil(
    leader,
    page.getByText(/controlled after (less than a minute|\d+ minutes?)/),
    'the package controlled',
  );
  await story.shows(leader, 'leadership-sees-the-handover-controlled');
}

/** Leadership opens the dashboard and lists what is in operation from the funnel's data table. */
export async function leadershipSeesOnDashboard(story: Story, leader: Actor, title: string): Promise<void> {
  const page = leader.page;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  const funnel = page.getByRole('article', { name: 'Funnel by stage' });
  await funnel.getByText('Data table').click();
  await funnel.getByRole('button', { name: 'List initiatives in In operation' }).click();
  await page.getByRole('dialog').getByRole('link', { name: title }).waitFor();
  await story.shows(leader, 'leadership-sees-it-on-the-dashboard');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
