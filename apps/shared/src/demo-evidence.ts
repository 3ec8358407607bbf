import { DemoAssumption, DemoLearning, DemoTestCard } from './demo-learnings';

/** The demo's test cards, results and learnings, and the assumptions still open. */

export const KIOSK_TESTS: DemoLearning[] = [
  {
    assumption: 'Patients would rather check in at a kiosk than queue at reception',
    riskKind: 'desirability',
    metric: 'share of check-ins at the kiosk',
    comparison: '>=',
    threshold: 0.4,
    minimumSample: 200,
    budget: 8_000,
    observed: { value: 0.55, sampleSize: 640, cost: 7_400 },
    learning: {
      observed:
        '55 % of 640 check-ins in the pilot week used the kiosk, 80 % of them when the queue was longer than three people',
      belief: 'Patients choose the kiosk as soon as a queue forms',
      decision: 'persevere',
      confidence: 'high',
    },
  },
  {
    assumption: 'The kiosk can read the national health card without a new reader',
    riskKind: 'feasibility',
    metric: 'cards read on the first try',
    comparison: '>=',
    threshold: 0.95,
    minimumSample: 100,
    budget: 3_000,
    observed: { value: 0.97, sampleSize: 312, cost: 2_100 },
    learning: {
      observed: '97 % of cards read on the first try with the reader we already have',
      belief: 'No new hardware is needed',
      decision: 'persevere',
      confidence: 'high',
    },
  },
];

export const KIOSK_OPEN: DemoAssumption[] = [
  { statement: 'Elderly patients manage the kiosk without help', riskKind: 'desirability', importance: 3 },
];

export const REMINDER_TESTS: DemoLearning[] = [
  {
    assumption: 'A text message the day before halves missed appointments',
    riskKind: 'desirability',
    metric: 'missed appointments',
    comparison: '<=',
    threshold: 0.06,
    minimumSample: 300,
    budget: 1_500,
    observed: { value: 0.05, sampleSize: 450, cost: 1_200 },
    learning: {
      observed: 'Missed appointments fell from 12 % to 5 % over 450 appointments with a reminder',
      belief: 'Reminders pay for themselves in a month',
      decision: 'persevere',
      confidence: 'medium',
    },
  },
];

export const PRESCRIPTION_TESTS: DemoLearning[] = [
  {
    assumption: 'Patients renew a repeat prescription online instead of calling',
    riskKind: 'desirability',
    metric: 'share of renewals made online',
    comparison: '>=',
    threshold: 0.5,
    minimumSample: 200,
    budget: 4_000,
    observed: { value: 0.62, sampleSize: 380, cost: 3_600 },
    learning: {
      observed: '62 % of 380 renewals in the two pilot practices came in online within a month',
      belief: 'Patients switch to online renewal as soon as their practice offers it',
      decision: 'persevere',
      confidence: 'high',
    },
  },
];

export const PRESCRIPTION_OPEN: DemoAssumption[] = [
  { statement: 'Pharmacies confirm an online renewal within one working day', riskKind: 'feasibility', importance: 3 },
];

export const BLOOD_SAMPLING_TESTS: DemoLearning[] = [
  {
    assumption: 'Patients pay 25 € for a blood test at home',
    riskKind: 'viability',
    metric: 'sign-up rate at 25 €',
    comparison: '>=',
    threshold: 0.1,
    minimumSample: 150,
    budget: 2_500,
    observed: { value: 0.03, sampleSize: 210, cost: 2_500 },
    learning: {
      observed: 'Only 3 % of 210 patients offered a paid home visit signed up; most asked for the clinic instead',
      belief: 'Patients will not pay for convenience on a ten-minute test',
      decision: 'kill',
      confidence: 'high',
    },
  },
];

/** The lead's work in progress: a pilot running on the riskiest assumption, two more not tested yet. */
export const WOUND_RUNNING: DemoTestCard = {
  assumption: 'Patients take a wound photo good enough to judge with their own phone',
  riskKind: 'desirability',
  metric: 'share of photos a nurse can judge',
  comparison: '>=',
  threshold: 0.8,
  minimumSample: 30,
  budget: 2_500,
};

export const WOUND_OPEN: DemoAssumption[] = [
  { statement: 'Nurses judge healing from a photo as well as in person', riskKind: 'feasibility', importance: 4 },
  { statement: 'Insurers pay for a remote wound check', riskKind: 'viability', importance: 4 },
];
