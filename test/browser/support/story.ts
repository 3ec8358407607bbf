import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../support/test-app';
import { seriousAccessibilityViolations } from './axe';
import { laptopContext, openPage, screenshotPath, signIn, Watched } from './browser';

/** Someone in the story: created by the admin on the Users page, then signed in to a browser context of their own. */
export interface Person {
  name: string;
  email: string;
  /** The role labels the Users page shows. */
  roles: string[];
}

export interface Actor extends Person {
  page: Page;
  watched: Watched;
}

/**
 * The stage of the story: the console's address, one browser context per person (its own cookies, its own
 * session), and the numbered screenshots, each taken after axe found nothing serious on the page.
 */
export class Story {
  private shots = 0;
  private readonly started = Date.now();
  /** Seconds from the start of the story to each screenshot: where the time goes. */
  readonly timeline: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  readonly actors: Actor[] = [];

  constructor(
    private readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  /** Opens a browser context for the person and signs in on the page asked for. */
  async signIn(person: Person, path = '/inbox'): Promise<Actor> {
    const context = await laptopContext(this.browser);
    context.setDefaultTimeout(20_000);
    this.contexts.push(context);
    const watched = await openPage(context);
    await watched.page.goto(`${this.baseUrl}${path}`);
    await signIn(watched.page, person.email, TEST_PASSWORD);
    await watched.page.getByRole('navigation', { name: 'Main' }).waitFor();
    const actor = { ...person, page: watched.page, watched };
    this.actors.push(actor);
    return actor;
  }

  async goto(actor: Actor, path: string): Promise<void> {
    await actor.page.goto(`${this.baseUrl}${path}`);
  }

  /** What the person sees now: checked with axe (nothing serious or critical) and kept as story-NN-<step>.png. */
  async shows(actor: Actor, step: string): Promise<void> {
    this.shots += 1;
    const name = `story-${String(this.shots).padStart(2, '0')}-${step}.png`;
    this.timeline.push(`${((Date.now() - this.started) / 1000).toFixed(1).padStart(6)} s  ${name}`);
    await actor.page.screenshot({ path: screenshotPath(name), fullPage: true });
    const violations = await seriousAccessibilityViolations(actor.page);
    expect({ step, violations }).toEqual({ step, violations: [] });
  }

  /** Script errors any page raised during the story, by person. */
  pageErrors(): Record<string, string[]> {
    return Object.fromEntries(
      this.actors.filter((a) => a.watched.errors.length > 0).map((a) => [a.name, a.watched.errors]),
    );
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
  }
}

/**
 * Background jobs (a review opening, its outcome, a package being assembled) put work in "My work"; a person
 * who finds nothing yet comes back a moment later. Reloads the page until the item shows, then returns it.
 */
export async function myWorkItem(
  story: Story,
  actor: Actor,
  kind: string,
  title: string | RegExp,
  timeoutMs = 40_000,
): Promise<Locator> {
  await story.goto(actor, '/inbox');
  await actor.page.getByRole('heading', { name: 'My work' }).waitFor();
  const item = actor.page.getByRole('listitem').filter({ hasText: kind }).filter({ hasText: title }).first();
  await reloadUntil(actor, item, `“${kind}: ${String(title)}” in My work`, timeoutMs);
  return item;
}

/** What a worker job changes shows on the next visit: reloads the page until the locator is there. */
export async function reloadUntil(actor: Actor, locator: Locator, what: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await locator.waitFor({ timeout: 1_500 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${actor.name} never saw ${what}`, { cause: error });
      await actor.page.reload();
    }
  }
}

/** The count of open items in the navigation follows what the person just did. */
export async function expectNothingWaiting(actor: Actor): Promise<void> {
  const badge = actor.page.getByRole('navigation', { name: 'Main' }).getByLabel(/open items/);
  await until(
    () => badge.count(),
    (n) => n === 0,
    `${actor.name}'s open items`,
  );
}

/** Polls a probe of the page (a count, a text) until it holds. */
export async function until<T>(
  probe: () => Promise<T>,
  holds: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
