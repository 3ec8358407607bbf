import { Page } from 'playwright-core';

/**
 * Reading the console's dashboard the way it is drawn: each bar of a chart is an SVG rect carrying its series, its
 * category index and its value (data-*), each figure card a region, each tile a group named by its label.
 */

/**
 * Waits until the figures on the page are those of the address (the page marks the filters its figures were
 * drawn for) and nothing is loading.
 */
export async function waitForFigures(page: Page): Promise<void> {
  // A function, not a string: the console's policy forbids eval, which a string predicate would need.
  await page.waitForFunction(
    () => {
      const g = globalThis as any;
      const figures = g.document.querySelector('.figures');
      if (figures === null || figures.getAttribute('aria-busy') !== 'false') return false;
      const canonical = (search: string): string => {
        const params = new URLSearchParams(search);
        params.delete('print');
        params.sort();
        return params.toString();
      };
      return canonical(figures.dataset.shown ?? '') === canonical(g.location.search);
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** The category labels of a chart, in order (whole: a label drawn cut short to fit keeps its full text in data-category). */
export function categories(page: Page, chart: string): Promise<string[]> {
  return page
    .locator(`[data-chart="${chart}"] text.category`)
    .evaluateAll((texts) => texts.map((t) => t.getAttribute('data-category') ?? ''));
}

/** One series of a bar chart as values by category (null where no bar is drawn: no figure). */
export async function barValues(page: Page, chart: string, series: string): Promise<(number | null)[]> {
  const count = await page.locator(`[data-chart="${chart}"] text.category`).count();
  const bars = await page
    .locator(`[data-chart="${chart}"] rect.bar[data-series="${series}"]`)
    .evaluateAll((rects) =>
      rects.map((r) => [Number(r.getAttribute('data-index')), Number(r.getAttribute('data-value'))] as const),
    );
  const values: (number | null)[] = Array.from({ length: count }, () => null);
  for (const [index, value] of bars) values[index] = value;
  return values;
}

/** Clicks (or taps) one bar as drawn, the way a person would. */
export async function clickBar(page: Page, chart: string, series: string, index: number, tap = false): Promise<void> {
  const bar = page.locator(`[data-chart="${chart}"] rect.bar[data-series="${series}"][data-index="${index}"]`);
  await bar.scrollIntoViewIfNeeded();
  if (tap) await bar.tap();
  else await bar.click();
}

/** The titles the click-through dialog lists once it has loaded them. */
export async function listedTitles(page: Page): Promise<string[]> {
  const dialog = page.getByRole('dialog');
  await dialog.locator('.count').waitFor();
  return dialog.getByRole('list', { name: 'Initiatives' }).getByRole('link').allTextContents();
}

/** Closes the click-through dialog with Escape and waits until it is gone. */
export async function closeList(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

export function tileValue(page: Page, label: string): Promise<string | null> {
  return page.getByRole('group', { name: label }).locator('.tile-value').textContent();
}
