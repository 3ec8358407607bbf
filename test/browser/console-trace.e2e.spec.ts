import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { HandoverCast, handoverCast } from '../handover/support';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import {
  laptopContext,
  launchChromium,
  openPage,
  phoneContext,
  screenshotPath,
  signIn,
  Watched,
} from './support/browser';
import { packageWithGaps, PackageWithGaps, UNTESTED_ASSUMPTION } from './support/package-with-gaps';

/**
 * The trace of a handover package drawn as a graph, with three gaps built in through the API (an untested assumption,
 * a document never approved, a training not acknowledged); the PDFs behind the console's links, fetched with the
 * browser's cookie session. Screenshots: artifacts/screenshots/console-trace-*.png.
 */
describe('trace graph and PDFs in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let cast: HandoverCast;
  let built: PackageWithGaps;
  const contexts: BrowserContext[] = [];

  const open = async (user: TestUser, path: string, phone = false): Promise<Watched> => {
    const context = phone ? await phoneContext(browser) : await laptopContext(browser);
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const watched = await openPage(context);
    await watched.page.goto(`${baseUrl}${path}`);
    await signIn(watched.page, user.email, TEST_PASSWORD);
    return watched;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    app = await TestApp.startIsolated({ worker: true });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    cast = await handoverCast(app);
    built = await packageWithGaps(app, cast);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it('the API reports the two gaps it knows; the console adds the untested assumption from the package', async () => {
    const trace = (
      await app.request({ url: `/api/handover-packages/${built.packageId}/trace`, token: cast.quality.token })
    ).json<{ gaps: { kind: string; subject: string }[] }>();
    expect(trace.gaps).toEqual([
      expect.objectContaining({ kind: 'document_not_effective', subject: built.gaps.notEffective }),
      expect.objectContaining({ kind: 'training_not_done', subject: built.gaps.trainingOpen }),
    ]);
  });

  it('draws the trace from the package page: columns of boxes, gaps in colour and in words, the same chains as a table', async () => {
    const { page, errors } = await open(cast.quality, `/packages/${built.packageId}`);
    await page.getByRole('link', { name: 'Trace and gaps' }).click();
    await page.getByRole('heading', { name: /^Trace: Kiosk check-in/, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/packages/${built.packageId}/trace`);

    const gapList = page.getByRole('region', { name: 'Gaps' }).getByRole('listitem');
    await expect(gapList.allTextContents()).resolves.toEqual([
      expect.stringMatching(
        new RegExp(`^⚠ Document not effective: ${built.gaps.notEffective} — no effective revision`),
      ),
      expect.stringMatching(new RegExp(`^⚠ Training not done: ${built.gaps.trainingOpen} — 1 of 1 not acknowledged`)),
      expect.stringMatching(new RegExp(`^⚠ Assumption never tested: ${built.gaps.untestedRisk} — `)),
    ]);
    await expect(page.getByText('3 gaps', { exact: true }).count()).resolves.toBe(1);

    const graph = page.getByRole('group', { name: /Trace graph/ });
    const boxes = graph.getByRole('link');
    // Two assumptions (validated, untested), one experiment, one learning, one requirement, four documents, four trainings.
    await expect(boxes.count()).resolves.toBe(13);
    await expect(columnOf(graph, 'document').count()).resolves.toBe(4);
    const gapBoxes = graph.locator('a.trace-node.gap');
    await expect(gapBoxes.count()).resolves.toBe(3);
    await expect(gapBoxes.locator('tspan.gap').allTextContents()).resolves.toEqual([
      '⚠ Gap: never tested',
      '⚠ Gap: not effective',
      '⚠ Gap: training open',
    ]);
    // Colour as well as words: the gap boxes are drawn in the danger colour, the others are not.
    const strokes = await graph
      .locator('a.trace-node rect')
      .evaluateAll((rects) => rects.map((r) => (globalThis as any).getComputedStyle(r).stroke as string));
    expect(new Set(strokes).size).toBe(2);
    await expect(
      graph
        .getByRole('link', { name: new RegExp(`^Document ${built.gaps.notEffective}\\..*Gap: Document not effective`) })
        .count(),
    ).resolves.toBe(1);
    await expect(
      graph
        .getByRole('link', {
          name: new RegExp(`^Assumption \\(${built.gaps.untestedRisk}\\)\\. ${UNTESTED_ASSUMPTION}`),
        })
        .count(),
    ).resolves.toBe(1);
    await expect(graph.locator('path.trace-edge.risk').count()).resolves.toBe(4);

    const table = page.getByRole('table', { name: 'Trace chains from assumption to training, with their gaps' });
    await expect(table.locator('tbody tr').count()).resolves.toBe(2);
    await expect(table.locator('tbody tr').first().getByRole('rowheader').textContent()).resolves.toMatch(/^REQ-001 /);
    await expect(table.locator('tbody tr').nth(1).textContent()).resolves.toContain('Assumption never tested');

    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('console-trace-laptop.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('reaches the boxes with the keyboard in column order, and Enter opens the subject of a box', async () => {
    const { page } = await open(cast.quality, `/packages/${built.packageId}/trace`);
    const graph = page.getByRole('group', { name: /Trace graph/ });
    await graph.getByRole('link').first().waitFor();
    const focusedBox = () =>
      page.evaluate<string | null>(
        `document.activeElement?.closest('.trace-node')?.querySelector('title')?.textContent ?? null`,
      );
    let first: string | null = null;
    for (let i = 0; i < 40 && first === null; i++) {
      await page.keyboard.press('Tab');
      first = await focusedBox();
    }
    expect(first).toMatch(/^Assumption\. Patients use the kiosk\. validated$/);
    await page.keyboard.press('Tab');
    await expect(focusedBox()).resolves.toMatch(/^Assumption \(RISK-\d+\)/);
    await page.keyboard.press('Tab');
    await expect(focusedBox()).resolves.toMatch(/^Experiment\. measures share\. result: validated$/);

    const gapDocument = graph.getByRole('link', { name: new RegExp(`^Document ${built.gaps.notEffective}\\.`) });
    await gapDocument.focus();
    await page.keyboard.press('Enter');
    const title = built.documents.find((d) => d.number === built.gaps.notEffective)?.title ?? '';
    await page.getByRole('heading', { name: `${built.gaps.notEffective} ${title}`, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(
      `/documents/${built.documents.find((d) => d.number === built.gaps.notEffective)?.id}`,
    );

    // A box of the experiment log opens the log at its section, scrolled into view once it is drawn.
    await page.goBack();
    await graph.getByRole('link', { name: /^Experiment\./ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Experiment log: Kiosk check-in/, level: 1 }).waitFor();
    expect([new URL(page.url()).pathname, new URL(page.url()).hash]).toEqual([
      `/initiatives/${built.initiativeId}/experiments`,
      '#experiments',
    ]);
    // In view: near the top, or as near as the page can scroll (a short page may not scroll at all).
    // A function, not a string: the console's policy forbids eval, which a string predicate needs once it polls.
    await page.waitForFunction(() => {
      const g = globalThis as any;
      const top: number = g.document.getElementById('experiments')?.getBoundingClientRect().top ?? -1;
      const scrolledToEnd = g.scrollY + g.innerHeight >= g.document.documentElement.scrollHeight - 1;
      return top >= 0 && top < g.innerHeight && (top < g.innerHeight / 2 || scrolledToEnd);
    });
  }, 60_000);

  it('fits a phone: the page does not scroll sideways, the graph scrolls inside its box, the table stacks', async () => {
    const { page, errors } = await open(cast.quality, `/packages/${built.packageId}/trace`, true);
    const graph = page.getByRole('group', { name: /Trace graph/ });
    await graph.getByRole('link').first().waitFor();
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    ).toBeLessThanOrEqual(0);
    const box = page.locator('.trace-scroll');
    const [scrollWidth, clientWidth] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(clientWidth).toBeLessThanOrEqual(390);
    const requirementCell = page
      .getByRole('table', { name: /Trace chains/ })
      .getByRole('rowheader')
      .first();
    await expect(
      requirementCell.evaluate((el) => (globalThis as any).getComputedStyle(el, '::before').content as string),
    ).resolves.toBe('"Requirement: "');
    await page.screenshot({ path: screenshotPath('console-trace-phone.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('the dossier and every document open as PDF from their links, with the cookie session alone', async () => {
    const { page } = await open(cast.owner, `/packages/${built.packageId}`);
    const dossier = page.getByRole('link', { name: 'Dossier (PDF)' });
    await expect(pdfBehind(page, dossier)).resolves.toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await expect(openedPdf(page, dossier)).resolves.toEqual({ status: 200, type: 'application/pdf', opened: true });

    await page.goto(`${baseUrl}/documents`);
    const links = page.getByRole('table').getByRole('link', { name: /^PDF of / });
    await links.first().waitFor(); // the register is drawn once its data is in
    await expect(links.count()).resolves.toBe(4);
    for (const link of await links.all())
      await expect(pdfBehind(page, link)).resolves.toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    const document = built.documents[0];
    await page.goto(`${baseUrl}/documents/${document?.id}`);
    const exported = page.getByRole('link', { name: 'Export as PDF' });
    await expect(exported.getAttribute('href')).resolves.toBe(`/api/documents/${document?.id}/export.pdf`);
    await expect(pdfBehind(page, exported)).resolves.toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await expect(openedPdf(page, exported)).resolves.toEqual({ status: 200, type: 'application/pdf', opened: true });

    // The session cookie is what opened them: without it the same address is refused.
    const anonymous = await app.request({ url: `/api/documents/${document?.id}/export.pdf` });
    expect(anonymous.status).toBe(401);
  }, 120_000);
});

function columnOf(graph: Locator, column: string): Locator {
  return graph.locator(`a.trace-node.column-${column}`);
}

/** Fetches what a link points at from inside the page, so the browser's cookies (and nothing else) authenticate it. */
async function pdfBehind(page: Page, link: Locator): Promise<{ status: number; type: string | null; head: string }> {
  const href = (await link.getAttribute('href')) ?? '';
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      head: String.fromCharCode(...bytes.slice(0, 5)),
    };
  }, href);
}

/** Clicks the link as a person would: the browser opens what it answers in place of the page. */
async function openedPdf(page: Page, link: Locator): Promise<{ status: number; type: string | null; opened: boolean }> {
  const href = new URL((await link.getAttribute('href')) ?? '', page.url()).href;
  const [response] = await Promise.all([page.waitForResponse((r) => r.url() === href), link.click()]);
  await page.waitForURL(href);
  return { status: response.status(), type: response.headers()['content-type'] ?? null, opened: page.url() === href };
}
