import { eventually } from '@ambidex/testing';
import { createInitiative, createPortfolio, initiativeBody } from '../portfolio/support';
import { AdminConsole } from './support/admin-console';
import { screenshotPath } from './support/browser';

/**
 * The console pages for how work is defined: process model drafts, numbering schemes, and the person picker in a
 * real form. Every page is checked with axe. Screenshots: artifacts/screenshots/console-admin-*.png.
 */
describe('admin pages in the console: process models, numbering, the person picker', () => {
  let f: AdminConsole;
  let portfolioId: string;

  beforeAll(async () => {
    f = await AdminConsole.start();
    // The portfolio the initiatives go in (its own creation through the console is console-admin's story).
    portfolioId = await createPortfolio(f.app, f.leader, 'Digital services');
  }, 120_000);
  afterEach(() => f?.closePages());
  afterAll(() => f?.close());

  it('an admin drafts a process model from the active one, edits it with problems shown at their boxes, and activates it; initiatives keep their version', async () => {
    const before = await createInitiative(f.app, f.lead, initiativeBody(portfolioId));
    const page = await f.pageFor(f.admin, '/process-models');
    await page.getByRole('heading', { name: 'Process models', level: 1 }).waitFor();
    await page.getByText('Each initiative is pinned to the version it was created with', { exact: false }).waitFor();
    await f.noAxeProblems(page);
    await page.getByRole('row').filter({ hasText: 'Active: frozen' }).getByRole('link').click();
    await page
      .getByRole('table', { name: /Should meet/ })
      .first()
      .waitFor();
    await page.getByRole('region', { name: /^G1: / }).getByRole('cell', { name: '42.9 %' }).waitFor();
    await f.noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-process-model.png'), fullPage: true });

    await page.getByText('New draft from v1').click();
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { name: /Edit draft: .* v2/ }).waitFor();
    const g1 = page.getByRole('region', { name: 'G1', exact: true });
    await g1.getByLabel('G1 pass mark (0–10)').fill('7');
    await g1.getByRole('button', { name: 'Add a should-meet criterion to G1' }).click();
    const rows = await g1.getByLabel(/^Should-meet \d+: text$/).count();
    await g1.getByLabel(`Should-meet ${rows}: text`).fill('Problem significance');
    // The key made from the text repeats one the gate has: only the API can say so, at that box.
    await g1.getByLabel(`Should-meet ${rows}: weight`).focus();
    await expect(g1.getByLabel(`Should-meet ${rows}: key`).inputValue()).resolves.toBe('problem_significance');
    await g1.getByLabel(`Should-meet ${rows}: weight`).fill('2');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    const keyBox = g1.getByLabel(`Should-meet ${rows}: key`);
    await g1.getByRole('alert').filter({ hasText: 'duplicate key problem_significance' }).waitFor();
    await expect(keyBox.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.screenshot({ path: screenshotPath('console-admin-process-model-problem.png'), fullPage: true });
    await keyBox.fill('patient_impact');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    await f.noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-process-model-edit.png'), fullPage: true });

    await page.getByRole('button', { name: 'Activate v2…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Activate v2?' });
    await confirm.getByText('initiatives already started stay on the version they have').waitFor();
    await confirm.getByRole('button', { name: 'Activate v2' }).click();
    await page.getByRole('alert').filter({ hasText: 'frozen' }).waitFor();

    const versions = (await f.app.request({ url: '/api/process-models?key=default', token: f.admin.token })).json<
      {
        id: string;
        version: number;
        status: string;
        definition: { gates: { G1: { passMark: number; shouldMeet: { key: string }[] } } };
      }[]
    >();
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    expect(versions[0]?.definition.gates.G1.passMark).toBe(7);
    expect(versions[0]?.definition.gates.G1.shouldMeet.map((s) => s.key)).toContain('patient_impact');
    const pinned = (await f.app.request({ url: `/api/initiatives/${before.id}`, token: f.admin.token })).json<{
      processModel: { version: number };
    }>();
    expect(pinned.processModel.version).toBe(1);
    const after = await createInitiative(f.app, f.lead, initiativeBody(portfolioId));
    expect(after.processModel.version).toBe(2);

    // An active version is frozen: its edit page says so and offers no form.
    await page.goto(`${f.baseUrl}/process-models/${versions[0]?.id ?? ''}/edit`);
    await page.getByRole('heading', { name: /v2 is active: frozen/ }).waitFor();
    await expect(page.getByRole('form').count()).resolves.toBe(0);
  }, 120_000);

  it('an admin changes a numbering scheme, sees the next number, and is told why a lower sequence is refused', async () => {
    const page = await f.pageFor(f.admin, '/admin/numbering-schemes');
    const form = page.getByRole('form', { name: 'Numbering of Procedure' });
    await form.waitFor();
    await f.noAxeProblems(page);
    await form.getByLabel('Prefix of Procedure').fill('qp');
    await form.getByLabel('Digits of Procedure').fill('3');
    await form.getByLabel('Next sequence of Procedure').fill('40');
    await form.getByText('The next procedure would be numbered QP-040.').waitFor();
    await form.getByRole('button', { name: 'Save procedure numbering' }).click();
    await form.getByText('Next document now: QP-040').waitFor(); // the saved scheme, not the preview
    const schemes = (await f.app.request({ url: '/api/admin/numbering-schemes', token: f.admin.token })).json<
      { documentType: string; nextNumber: string }[]
    >();
    expect(schemes.find((s) => s.documentType === 'procedure')?.nextNumber).toBe('QP-040');

    const again = page.getByRole('form', { name: 'Numbering of Procedure' });
    await again.getByLabel('Next sequence of Procedure').fill('39');
    await again.getByRole('button', { name: 'Save procedure numbering' }).click();
    await again.getByRole('alert').filter({ hasText: 'nextValue can only grow' }).waitFor();
    await f.noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-numbering.png'), fullPage: true });
  }, 60_000);

  it('the owner names a team member with the person picker, by keyboard, on a phone', async () => {
    const initiative = await createInitiative(
      f.app,
      f.lead,
      initiativeBody(portfolioId, { title: 'Video consultations' }),
    );
    const page = await f.pageFor(f.lead, `/initiatives/${initiative.id}`, true);
    const team = page.getByRole('region', { name: 'Team' });
    await team.getByRole('button', { name: 'Change the team' }).click();
    const picker = team.getByRole('combobox', { name: 'Add to team members' });
    await picker.fill('grace');
    const options = team.getByRole('listbox', { name: /matching people/ }).getByRole('option');
    // Focus lists everyone at once; the search for what was typed follows after a pause in typing.
    await expect(
      eventually(
        () => options.allTextContents(),
        (texts) => texts.length === 1,
      ),
    ).resolves.toEqual([expect.stringContaining('Grace Keeper')]);
    await picker.press('ArrowDown');
    await expect(picker.getAttribute('aria-activedescendant')).resolves.toBe(await options.first().getAttribute('id'));
    await f.noAxeProblems(page);
    await team.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('console-admin-person-picker.png') });
    await picker.press('Enter');
    await team.getByRole('button', { name: 'Remove Grace Keeper' }).waitFor();
    await expect(picker.inputValue()).resolves.toBe('');
    // The owner is never offered, nor someone already chosen.
    await picker.fill('e');
    const offered = await eventually(
      () => options.allTextContents(),
      (texts) => texts.some((o) => o.includes('Lena Leader')),
    );
    expect(offered.filter((o) => o.includes('Ivo Lead') || o.includes('Grace Keeper'))).toEqual([]);
    expect(offered.some((o) => o.includes('Lena Leader'))).toBe(true);
    await picker.press('Escape');
    await team.getByRole('button', { name: 'Save the team' }).click();
    await team.getByText('Grace Keeper').waitFor();
    await team.getByRole('button', { name: 'Change the team' }).waitFor();
    const saved = (await f.app.request({ url: `/api/initiatives/${initiative.id}/team`, token: f.lead.token })).json<
      { userId: string }[]
    >();
    expect(saved.map((m) => m.userId)).toEqual([f.gatekeeper.id]);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
  }, 60_000);
});
