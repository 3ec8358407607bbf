import { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { ensureReferenceData } from '../../apps/shared/src/reference-data';
import { TestApp, TestUser } from '../support/test-app';
import { launchChromium } from './support/browser';
import { Person, Story } from './support/story';
import {
  acknowledgesTraining,
  leadershipSeesOnBoard,
  leadershipSeesOnDashboard,
  leadSubmitsPackage,
  qualityHeadAccepts,
  qualityHeadApprovesDocuments,
} from './support/story-handover-steps';
import {
  adminCreatesPortfolio,
  adminCreatesUsers,
  backToInitiative,
  chairDecidesGo,
  gatekeeperScores,
  leadCreatesInitiative,
  leadDelivers,
  leadFillsFacts,
  leadMapsAssumptions,
  leadRequestsReview,
  leadRunsExperiment,
  leadSeesStage,
  leadUploadsLearningLog,
} from './support/story-steps';

const person = (name: string, roles: string[]): Person => ({
  name,
  roles,
  email: `${name.split(' ')[0]?.toLowerCase()}@clinic.example`,
});

const LEAD = person('Lena Lead', ['Innovation lead']);
const GATEKEEPERS: [Person, Person] = [
  person('Gabriel Gatekeeper', ['Gatekeeper']),
  person('Greta Gatekeeper', ['Gatekeeper']),
];
// Two in leadership: each review's chair is whichever of them the review assigns (by load, so they take turns).
const LEADERSHIP: [Person, Person] = [
  person('Morgan Director', ['Leadership']),
  person('Leslie Leadership', ['Leadership']),
];
const QUALITY = person('Quinn Quality', ['Quality head']);
// Trained on the new documents through the role the package names (which the quality head holds too).
const TRAINEE = person('Tara Trainee', ['Quality head']);

const TITLE = 'Online follow-up booking';
const DESIRABILITY = 'Patients book their own follow-up when offered a link';
const VIABILITY = 'Clinics pay a monthly fee for the booking service';
const EXPERIMENT = 'Half of patients offered a link book their follow-up online';

/**
 * One initiative's whole life in the console, on a fresh database, by the people who live it, each in a browser
 * context of their own: the admin creates the people; the lead captures the idea, its financials and assumptions and
 * takes it through G1, G2 and G3 (experiments, learnings and an uploaded learning log on the way), the gatekeepers
 * score, a chair from the leadership decides; the lead submits the handover package signed, the quality head accepts
 * it signed and approves the new documents with signatures, which become effective; the people trained on them
 * acknowledge; leadership finds the initiative in operation on the board and on its dashboard. Only the admin's account
 * is made outside the console (as `npm start` bootstraps it), and the default process model, as every start loads it.
 * Every page a person reaches is checked with axe; screenshots: artifacts/screenshots/story-NN-<step>.png.
 */
describe('the whole story of an initiative, through the console only', () => {
  let app: TestApp;
  let browser: Browser;
  let story: Story;
  let admin: TestUser;

  beforeAll(async () => {
    browser = await launchChromium();
    app = await TestApp.startIsolated({ worker: true });
    await ensureReferenceData(app.app); // what the API does at every start: the default process model
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    story = new Story(browser, `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`);
    admin = await app.newUser(['admin'], 'admin');
  }, 120_000);

  afterAll(async () => {
    await story?.close();
    await browser?.close();
    await app?.close();
  });

  it('from an idea to a controlled, trained process that leadership sees in operation', async () => {
    const started = Date.now();
    const adminActor = await story.signIn({ name: 'Admin', email: admin.email, roles: ['Admin'] });
    await adminCreatesUsers(story, adminActor, [LEAD, ...GATEKEEPERS, ...LEADERSHIP, QUALITY, TRAINEE]);
    await adminCreatesPortfolio(story, adminActor, 'Patient services');

    // Explore: the idea, its financials, the assumption map; the G1 deliverables; G1.
    const lead = await story.signIn(LEAD);
    const gatekeepers = [await story.signIn(GATEKEEPERS[0]), await story.signIn(GATEKEEPERS[1])];
    const [director, leader] = [await story.signIn(LEADERSHIP[0]), await story.signIn(LEADERSHIP[1])];
    const initiativeId = await leadCreatesInitiative(story, lead, {
      title: TITLE,
      problem: 'A third of follow-up appointments are booked by phone, which ties up reception for hours a day',
      valueHypothesis: 'Patients who book online free reception time and miss fewer follow-ups',
      horizon: 'H1',
      ambition: 'Adjacent',
      type: 'Service',
    });
    await leadFillsFacts(story, lead, {
      strategicObjective: 'Halve the time reception spends on the phone by 2027',
      source: 'Reception staff survey',
      npv: 2_400_000,
      probabilityCommercial: 0.6,
      probabilityTechnical: 0.8,
      commercializationCost: 300_000,
      remainingDevelopmentCost: 250_000,
      expectedEcv: /662,000/, // ((2,400,000 × 0.6 − 300,000) × 0.8) − 250,000
    });
    await leadMapsAssumptions(story, lead, TITLE, [
      { statement: DESIRABILITY, risk: 'Desirability', importance: 5 },
      { statement: VIABILITY, risk: 'Viability', importance: 3 },
    ]);
    await backToInitiative(lead, TITLE);
    await leadDelivers(story, lead, 'G1', {
      opportunity_statement: 'Reception call log, March',
      concept_description: 'One-page concept',
      assumption_map: 'In the experiment log',
    });
    await throughGate('G1', 'Experiment', 'A real problem, and cheap to test');

    // Experiment: a pre-registered test of the riskiest assumption, what was learnt, the interview notes uploaded.
    await leadRunsExperiment(story, lead, TITLE, {
      assumption: DESIRABILITY,
      hypothesis: EXPERIMENT,
      method: 'Booking link in the discharge text message, two clinics, four weeks',
      metric: 'online booking rate',
      threshold: 0.5,
      minimumSample: 100,
      observed: 0.62,
      sampleSize: 180,
      learning: {
        observed: '112 of 180 patients booked online',
        belief: 'Patients prefer booking online when offered a link',
      },
    });
    await leadUploadsLearningLog(story, lead, [
      {
        observed: 'Older patients asked for a phone fallback',
        belief: 'Keep the phone line for over-75s',
        decision: 'persevere',
        confidence: 'medium',
      },
      {
        observed: 'Receptionists saved 9 hours a week, "mostly mornings"',
        belief: 'The saving is worth a monthly fee',
        decision: 'persevere',
        confidence: 'low',
      },
    ]);
    await backToInitiative(lead, TITLE);
    await leadDelivers(story, lead, 'G2', {
      experiment_plan: 'Test card with its threshold, in the log',
      learning_log: 'Three learnings, one uploaded log',
      business_case: 'NPV and probabilities in the facts',
    });
    await throughGate('G2', 'Develop', 'The riskiest assumption held');

    // Develop, then G3: the handover-readiness gate.
    await leadDelivers(story, lead, 'G3', {
      solution_specification: 'Booking flow specification v1',
      process_design: 'Follow-up booking process with KPIs',
      transfer_plan: 'Transfer plan agreed with quality',
    });
    await throughGate('G3', 'Handover', 'Ready for the quality system');

    // Handover: a signed, two-party transaction; the documents become effective; the people are trained.
    await leadSubmitsPackage(story, lead, TITLE, {
      control: 'Phone booking stays available as a fallback',
      baselines: { 'Process time': 6, 'Lead time': 48, '% complete and accurate': 88 },
      inputs: 'discharge summary, clinic calendar',
      outputs: 'booked follow-up appointment',
      resources: 'booking service, reception team',
      trainRole: 'Quality head',
    });
    const quality = await story.signIn(QUALITY);
    await qualityHeadAccepts(story, quality, TITLE);
    const documents = await qualityHeadApprovesDocuments(story, quality, 4);
    const trainee = await story.signIn(TRAINEE);
    await acknowledgesTraining(story, trainee, documents, true);
    await acknowledgesTraining(story, quality, documents, false); // the quality head holds the trained role too

    // Leadership: the initiative is in operation, its handover controlled.
    await leadershipSeesOnBoard(story, leader, TITLE);
    await leadershipSeesOnDashboard(story, leader, TITLE);

    expect(story.pageErrors()).toEqual({});
    console.log(
      `the story took ${Math.round((Date.now() - started) / 1000)} s in the browser:\n${story.timeline.join('\n')}`,
    );

    async function throughGate(gate: 'G1' | 'G2' | 'G3', next: string, reason: string): Promise<void> {
      await leadRequestsReview(story, lead, gate);
      for (const [n, gatekeeper] of gatekeepers.entries())
        await gatekeeperScores(story, gatekeeper, gate, TITLE, 8, n === 0);
      await chairDecidesGo(story, [director, leader], gate, TITLE, reason);
      await leadSeesStage(story, lead, initiativeId, TITLE, gate, next);
    }
  }, 600_000);
});
