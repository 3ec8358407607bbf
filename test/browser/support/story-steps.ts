import { DEFAULT_PROCESS_MODEL, Gate } from '@ambidex/portfolio';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PASSWORD } from '../../support/test-app';
import { Actor, expectNothingWaiting, myWorkItem, Person, Story, until } from './story';

/** Each step is one person doing one thing in the console, then checking what they see. */

const ROLE_LABELS = ['Innovation lead', 'Gatekeeper', 'Quality head', 'Leadership', 'Admin'];

export async function adminCreatesUsers(story: Story, admin: Actor, people: Person[]): Promise<void> {
  const page = admin.page;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
  const form = page.getByRole('form', { name: 'New user' });
  for (const person of people) {
    await form.getByLabel('Email', { exact: true }).fill(person.email);
    await form.getByLabel('Name', { exact: true }).fill(person.name);
    await form.getByLabel('Initial password').fill(TEST_PASSWORD);
    for (const role of ROLE_LABELS)
      await form.getByRole('checkbox', { name: role, exact: true }).setChecked(person.roles.includes(role));
    await form.getByRole('button', { name: 'Create user' }).click();
    const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: person.email });
    await row.waitFor();
    for (const role of person.roles)
      await expect(row.getByRole('checkbox', { name: `${person.name}: ${role}` }).isChecked()).resolves.toBe(true);
  }
  await story.shows(admin, 'admin-creates-the-people');
}

/** The portfolio the story's initiative lives in, with the console's default targets (70/20/10, 60/30/10). */
export async function adminCreatesPortfolio(story: Story, admin: Actor, name: string): Promise<void> {
  const page = admin.page;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio settings' }).click();
  const form = page.getByRole('form', { name: 'New portfolio' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create portfolio' }).click();
  await page.getByRole('heading', { name: `Portfolio: ${name}` }).waitFor();
  await story.shows(admin, 'admin-creates-the-portfolio');
}

export interface Idea {
  title: string;
  problem: string;
  valueHypothesis: string;
  horizon: string;
  ambition: string;
  type: string;
}

/** Returns the new initiative's id, read from the address the console opened. */
export async function leadCreatesInitiative(story: Story, lead: Actor, idea: Idea): Promise<string> {
  const page = lead.page;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New initiative' }).click();
  await page.getByRole('heading', { name: 'New initiative', level: 1 }).waitFor();
  await page.getByLabel('Title').fill(idea.title);
  await page.getByLabel('Problem').fill(idea.problem);
  await page.getByLabel('Value hypothesis').fill(idea.valueHypothesis);
  await page.getByLabel('Horizon').selectOption({ label: idea.horizon });
  await page.getByLabel('Ambition').selectOption({ label: idea.ambition });
  await page.getByLabel('Type').selectOption({ label: idea.type });
  await story.shows(lead, 'lead-captures-the-idea');
  await page.getByRole('button', { name: 'Create in Explore' }).click();
  await page.getByRole('heading', { name: idea.title, level: 1 }).waitFor();
  await page.getByRole('region', { name: 'Stage history' }).getByText('Created in Explore').waitFor();
  return new URL(page.url()).pathname.split('/').at(-1) ?? '';
}

export interface Financials {
  strategicObjective: string;
  source: string;
  npv: number;
  probabilityCommercial: number;
  probabilityTechnical: number;
  commercializationCost: number;
  remainingDevelopmentCost: number;
  /** ((NPV × Pcs − C) × Pts) − D as the console prints it. */
  expectedEcv: RegExp;
}

export async function leadFillsFacts(story: Story, lead: Actor, f: Financials): Promise<void> {
  const page = lead.page;
  await page.getByRole('button', { name: 'Edit facts' }).click();
  await page.getByLabel('Strategic objective').fill(f.strategicObjective);
  await page.getByLabel('Source').fill(f.source);
  await page.getByLabel('NPV (€)').fill(String(f.npv));
  await page.getByLabel('Probability of commercial success (0–1)').fill(String(f.probabilityCommercial));
  await page.getByLabel('Probability of technical success (0–1)').fill(String(f.probabilityTechnical));
  await page.getByLabel('Commercialisation cost (€)').fill(String(f.commercializationCost));
  await page.getByLabel('Remaining development cost (€)').fill(String(f.remainingDevelopmentCost));
  await page.getByRole('button', { name: 'Save' }).click();
  const facts = page.getByRole('region', { name: 'Facts and financials' });
  await facts.getByText(f.strategicObjective).waitFor();
  await facts.getByText(f.expectedEcv).waitFor();
  await story.shows(lead, 'lead-fills-facts-and-financials');
}

export interface AssumptionInput {
  statement: string;
  risk: 'Desirability' | 'Feasibility' | 'Viability';
  importance: number;
}

export async function leadMapsAssumptions(
  story: Story,
  lead: Actor,
  title: string,
  assumptions: AssumptionInput[],
): Promise<void> {
  const page = await openExperimentLog(lead, title);
  const form = page.getByRole('form', { name: 'New assumption' });
  for (const a of assumptions) {
    await form.getByLabel('Assumption', { exact: true }).fill(a.statement);
    await form.getByLabel('Risk', { exact: true }).selectOption({ label: a.risk });
    await form.getByLabel('Importance', { exact: true }).selectOption(String(a.importance));
    await form.getByRole('button', { name: 'Add assumption' }).click();
    await page
      .getByRole('region', { name: a.risk })
      .getByRole('listitem')
      .filter({ hasText: a.statement })
      .getByText('Untested')
      .waitFor();
  }
  await story.shows(lead, 'lead-maps-assumptions');
}

async function openExperimentLog(lead: Actor, title: string) {
  const page = lead.page;
  await page.getByRole('navigation', { name: 'Initiative' }).getByRole('link', { name: 'Experiment log' }).click();
  await page.getByRole('heading', { name: `Experiment log: ${title}` }).waitFor();
  return page;
}

export async function backToInitiative(lead: Actor, title: string): Promise<void> {
  await lead.page.getByRole('link', { name: 'Back to the initiative' }).click();
  await lead.page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

export interface TestCard {
  assumption: string;
  hypothesis: string;
  method: string;
  metric: string;
  threshold: number;
  minimumSample: number;
  observed: number;
  sampleSize: number;
  learning: { observed: string; belief: string };
}

/** A test card fixed before it starts, its result judged against the frozen threshold, and what was learnt. */
export async function leadRunsExperiment(story: Story, lead: Actor, title: string, card: TestCard): Promise<void> {
  const page = await openExperimentLog(lead, title);
  await page.getByText('New experiment').click();
  const form = page.getByRole('form', { name: 'New experiment' });
  await form.getByLabel('Assumption tested').selectOption({ label: card.assumption });
  await form.getByLabel('Hypothesis').fill(card.hypothesis);
  await form.getByLabel('Method').fill(card.method);
  await form.getByLabel('Metric').fill(card.metric);
  await form.getByLabel('Comparison').selectOption('>=');
  await form.getByLabel('Threshold').fill(String(card.threshold));
  await form.getByLabel('Minimum sample').fill(String(card.minimumSample));
  await form.getByRole('button', { name: 'Add experiment' }).click();
  const experiment = page.getByRole('listitem', { name: `Experiment: ${card.hypothesis}` });
  await experiment.getByText('planned').waitFor();
  await experiment.getByRole('button', { name: 'Start experiment' }).click();
  await experiment.getByText('threshold frozen').waitFor();
  await experiment.getByLabel(`Observed ${card.metric}`).fill(String(card.observed));
  await experiment.getByLabel('Sample size').fill(String(card.sampleSize));
  await experiment.getByRole('button', { name: 'Record result' }).click();
  await experiment.getByText('completed').waitFor();
  await experiment
    .getByText(`Observed ${card.metric} ${card.observed} with ${card.sampleSize} observations: validated`)
    .waitFor();
  await page
    .getByRole('region', { name: 'Desirability' })
    .getByRole('listitem')
    .filter({ hasText: card.assumption })
    .getByText('Validated')
    .waitFor();

  await page.getByText('New learning').click();
  const learning = page.getByRole('form', { name: 'New learning' });
  await learning.getByLabel('What we observed').fill(card.learning.observed);
  await learning.getByLabel('What we now believe').fill(card.learning.belief);
  await learning.getByLabel('Decision').selectOption('persevere');
  await learning.getByLabel('Confidence').selectOption('high');
  await learning.getByLabel('From experiment').selectOption({ label: card.hypothesis });
  await learning.getByRole('button', { name: 'Append learning' }).click();
  await page
    .getByRole('region', { name: 'Learnings' })
    .getByRole('listitem')
    .filter({ hasText: card.learning.observed })
    .waitFor();
  await story.shows(lead, 'lead-runs-an-experiment');
}

/** The log kept elsewhere (a spreadsheet of interview notes) goes in as a file; a worker job stores it. */
export async function leadUploadsLearningLog(
  story: Story,
  lead: Actor,
  rows: { observed: string; belief: string; decision: string; confidence: string }[],
): Promise<void> {
  const page = lead.page;
  const csv = [
    'observed,belief,decision,confidence',
    ...rows.map((r) => [r.observed, r.belief, r.decision, r.confidence].map(csvCell).join(',')),
  ].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'ambidex-story-')), 'interview-notes.csv');
  writeFileSync(file, csv);
  await page.getByLabel(/Learning log file/).setInputFiles(file);
  const status = page.getByRole('status').filter({ hasText: 'Done' });
  await status.waitFor({ timeout: 30_000 });
  await expect(status.textContent()).resolves.toContain(`${rows.length} stored, 0 already there, 0 refused`);
  for (const row of rows)
    await page
      .getByRole('region', { name: 'Learnings' })
      .getByRole('listitem')
      .filter({ hasText: row.observed })
      .waitFor();
  await story.shows(lead, 'lead-uploads-a-learning-log');
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Marks every deliverable of the gate done, with a note of what was delivered. */
export async function leadDelivers(
  story: Story,
  lead: Actor,
  gate: Gate,
  notes: Record<string, string>,
): Promise<void> {
  const page = lead.page;
  const panel = page.getByRole('region', { name: 'Deliverables' });
  for (const d of DEFAULT_PROCESS_MODEL.gates[gate].deliverables) {
    await panel.getByLabel(`Note for ${d.name}`, { exact: true }).fill(notes[d.key] ?? 'delivered');
    await panel.getByRole('button', { name: `Mark ${d.name} done`, exact: true }).click();
    await panel.getByRole('listitem').filter({ hasText: d.name }).getByText('Done', { exact: true }).waitFor();
  }
  await story.shows(lead, `lead-delivers-for-${gate.toLowerCase()}`);
}

/** Asks for the gate's review and watches the readiness check (a worker job) open it for scoring. */
export async function leadRequestsReview(story: Story, lead: Actor, gate: Gate): Promise<void> {
  const page = lead.page;
  const reviews = page.getByRole('region', { name: 'Gate reviews' });
  await reviews.getByRole('button', { name: 'Request the next gate review' }).click();
  await reviews
    .getByRole('listitem')
    .filter({ hasText: `${gate} review` })
    .getByText('Gatekeepers scoring')
    .waitFor({ timeout: 30_000 });
  await story.shows(lead, `lead-requests-${gate.toLowerCase()}`);
}

/** A gatekeeper finds the review in My work, reads the frozen evidence and submits a scorecard. */
export async function gatekeeperScores(
  story: Story,
  gatekeeper: Actor,
  gate: Gate,
  title: string,
  score: number,
  screenshot: boolean,
): Promise<void> {
  const item = await myWorkItem(story, gatekeeper, 'Score a review', `Score ${gate} for “${title}”`);
  await item.getByRole('link').click();
  const page = gatekeeper.page;
  await page.getByRole('heading', { name: `${gate} review: ${title}` }).waitFor();
  await page.getByRole('region', { name: 'Evidence snapshot' }).getByText('SHA-256').waitFor();
  const form = page.getByRole('form', { name: 'Your scorecard' });
  const judged = DEFAULT_PROCESS_MODEL.gates[gate].mustMeet.filter((c) => c.evaluation.kind === 'gatekeeper');
  for (const c of judged)
    await expect(
      form
        .getByRole('group', { name: /^Must-meet/ })
        .getByText(c.text, { exact: true })
        .count(),
    ).resolves.toBe(1);
  const scores = await form.getByRole('spinbutton').all();
  expect(scores).toHaveLength(DEFAULT_PROCESS_MODEL.gates[gate].shouldMeet.length);
  for (const input of scores) await input.fill(String(score));
  if (screenshot) await story.shows(gatekeeper, `gatekeeper-scores-${gate.toLowerCase()}`);
  await form.getByRole('button', { name: 'Submit scorecard' }).click();
  await page.getByText('Your scorecard is in.').waitFor();
  await expectNothingWaiting(gatekeeper);
}

/**
 * Chairs rotate among the leadership by load, so the chair is whoever finds "Decide a review" in My work once the
 * last scorecard is in. They read the outcome and record a Go.
 */
export async function chairDecidesGo(
  story: Story,
  leadership: Actor[],
  gate: Gate,
  title: string,
  reason: string,
): Promise<Actor> {
  const chair = await whoChairs(story, leadership, gate, title);
  const item = await myWorkItem(story, chair, 'Decide a review', `Decide ${gate} for “${title}”`);
  await item.getByRole('link').click();
  const page = chair.page;
  await page.getByRole('heading', { name: `${gate} review: ${title}` }).waitFor();
  await page.getByText('you chair this review').waitFor();
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await outcome.getByText('2 of 2 scorecards in.').waitFor();
  await outcome.getByText('Passed', { exact: true }).waitFor();
  await page.getByLabel('Decision', { exact: true }).selectOption('go');
  await page.getByLabel('Reason', { exact: true }).fill(reason);
  await story.shows(chair, `chair-decides-${gate.toLowerCase()}`);
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.getByText(/decided Go/).waitFor({ timeout: 30_000 });
  await expectNothingWaiting(chair);
  return chair;
}

async function whoChairs(story: Story, leadership: Actor[], gate: Gate, title: string): Promise<Actor> {
  const found = await until(
    async () => {
      for (const leader of leadership) {
        await story.goto(leader, '/inbox');
        await leader.page.getByRole('heading', { name: 'My work' }).waitFor();
        await leader.page
          .getByText(/Nothing is waiting for you|Mark done/)
          .first()
          .waitFor();
        const items = leader.page
          .getByRole('listitem')
          .filter({ hasText: 'Decide a review' })
          .filter({ hasText: `Decide ${gate} for “${title}”` });
        if ((await items.count()) > 0) return leader;
      }
      return null;
    },
    (leader) => leader !== null,
    `a chair for ${gate} of ${title}`,
    40_000,
  );
  return found as Actor;
}

/** The owner sees the decision in the initiative's history and its new stage. */
export async function leadSeesStage(
  story: Story,
  lead: Actor,
  initiativeId: string,
  title: string,
  gate: Gate,
  stage: string,
): Promise<void> {
  await story.goto(lead, `/initiatives/${initiativeId}`);
  await lead.page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await lead.page.getByRole('region', { name: 'Stage history' }).getByText(`${gate} Go → ${stage} (Active)`).waitFor();
  await story.shows(lead, `lead-sees-${gate.toLowerCase()}-go`);
}
