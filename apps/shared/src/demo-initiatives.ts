import { Ambition, Decision, Gate, Horizon } from '@ambidex/portfolio';
import { DocumentType } from '@ambidex/qms';
import {
  BLOOD_SAMPLING_TESTS,
  KIOSK_OPEN,
  KIOSK_TESTS,
  PRESCRIPTION_OPEN,
  PRESCRIPTION_TESTS,
  REMINDER_TESTS,
  WOUND_OPEN,
  WOUND_RUNNING,
} from './demo-evidence';
import { DemoAssumption, DemoLearning, DemoTestCard } from './demo-learnings';

/** A past gate decision, taken through a review `afterDays` after the previous event of the initiative. */
export interface DemoDecision {
  gate: Gate;
  decision: Decision;
  afterDays: number;
  reason: string;
  /** Tested between the previous decision and this one. */
  testsBefore?: DemoLearning[];
}

/** What happens today to the package assembled by the initiative's G3 Go. */
export interface DemoHandover {
  /** submitted: signed by the lead, waiting for the quality head; accepted: the quality head accepted it today. */
  status: 'submitted' | 'accepted';
  /** Controls of the risks, by the statement of the open assumption behind each. */
  controls: Record<string, string>;
  /** Baselines of the process record's KPIs, by name. */
  baselines: Record<string, number>;
  trainingRoles: string[];
  /** Documents the quality head approves today (they become effective and training is assigned). */
  approve?: DocumentType[];
}

export interface DemoInitiative {
  title: string;
  problem: string;
  horizon: Horizon;
  ambition: Ambition;
  npv: number;
  pcs: number;
  pts: number;
  createdDaysAgo: number;
  /** Tested before the first decision. */
  tests?: DemoLearning[];
  open?: DemoAssumption[];
  history: DemoDecision[];
  /** A review of the current gate opened today: waiting for the gatekeepers' scores, or scored and waiting for the chair. */
  review?: 'scoring' | 'awaiting_decision';
  handover?: DemoHandover;
  /** An experiment the lead started, waiting for its result. */
  running?: DemoTestCard;
}

const go = (gate: Gate, afterDays: number, reason: string, testsBefore?: DemoLearning[]): DemoDecision => ({
  gate,
  decision: 'go',
  afterDays,
  reason,
  ...(testsBefore ? { testsBefore } : {}),
});

/** Ten initiatives across the funnel, their histories spread over the last year (the funnel and cycle times read them). */
export const DEMO: DemoInitiative[] = [
  {
    title: 'Self check-in kiosk',
    problem: 'Patients queue 20 minutes at reception',
    horizon: 'H1',
    ambition: 'core',
    npv: 1_200_000,
    pcs: 0.7,
    pts: 0.8,
    createdDaysAgo: 320,
    tests: KIOSK_TESTS,
    open: KIOSK_OPEN,
    history: [
      go('G1', 38, 'A real queue problem, cheap to test'),
      go('G2', 104, 'Patients use it and the card reader works'),
      go('G3', 142, 'Ready for the clinics'),
    ],
    handover: {
      status: 'accepted',
      controls: {
        'Elderly patients manage the kiosk without help':
          'A receptionist stands by the kiosk in the first month and at peak hours',
      },
      baselines: { 'Process time': 4, 'Lead time': 0.35, '% complete and accurate': 91 },
      trainingRoles: ['innovation_lead'],
      approve: ['procedure'],
    },
  },
  {
    title: 'Automated appointment reminders',
    problem: 'One in eight appointments is missed',
    horizon: 'H1',
    ambition: 'core',
    npv: 600_000,
    pcs: 0.8,
    pts: 0.9,
    createdDaysAgo: 140,
    tests: REMINDER_TESTS,
    history: [go('G1', 27, 'Missed appointments cost every clinic')],
    review: 'awaiting_decision',
  },
  {
    title: 'Online prescription renewal',
    problem: 'Renewals take three visits',
    horizon: 'H1',
    ambition: 'core',
    npv: 450_000,
    pcs: 0.6,
    pts: 0.85,
    createdDaysAgo: 330,
    open: PRESCRIPTION_OPEN,
    history: [
      go('G1', 52, 'Renewals clog the phone line'),
      {
        gate: 'G2',
        decision: 'recycle',
        afterDays: 60,
        reason: 'No evidence yet that patients would renew online: run the pilot first',
      },
      go('G2', 55, 'The pilot shows patients renew online', PRESCRIPTION_TESTS),
      go('G3', 150, 'The renewal process is ready for the quality system'),
    ],
    handover: {
      status: 'submitted',
      controls: {
        'Pharmacies confirm an online renewal within one working day':
          'Renewals not confirmed within a day are phoned through by the practice nurse',
      },
      baselines: { 'Process time': 12, 'Lead time': 72, '% complete and accurate': 85 },
      trainingRoles: ['innovation_lead', 'quality_head'],
    },
  },
  {
    title: 'Remote wound monitoring',
    problem: 'Wound checks need a visit every two days',
    horizon: 'H2',
    ambition: 'adjacent',
    npv: 2_500_000,
    pcs: 0.5,
    pts: 0.6,
    createdDaysAgo: 150,
    open: WOUND_OPEN,
    running: WOUND_RUNNING,
    history: [go('G1', 33, 'Nurses spend a day a week driving to wound checks')],
  },
  {
    title: 'Clinic capacity marketplace',
    problem: 'Idle rooms in one clinic while another turns patients away',
    horizon: 'H2',
    ambition: 'adjacent',
    npv: 1_800_000,
    pcs: 0.35,
    pts: 0.7,
    createdDaysAgo: 120,
    history: [
      {
        gate: 'G1',
        decision: 'recycle',
        afterDays: 48,
        reason: 'Say which clinics would share rooms, and at what price',
      },
    ],
  },
  {
    title: 'Paper-free referrals',
    problem: 'Referral letters get lost between practices',
    horizon: 'H1',
    ambition: 'core',
    npv: 300_000,
    pcs: 0.75,
    pts: 0.9,
    createdDaysAgo: 41,
    history: [],
    review: 'scoring',
  },
  {
    title: 'Home blood sampling service',
    problem: 'Elderly patients travel for a ten-minute blood test',
    horizon: 'H2',
    ambition: 'adjacent',
    npv: 900_000,
    pcs: 0.45,
    pts: 0.75,
    createdDaysAgo: 260,
    tests: BLOOD_SAMPLING_TESTS,
    history: [{ gate: 'G1', decision: 'kill', afterDays: 36, reason: 'Patients will not pay for a home visit' }],
  },
  {
    title: 'AI triage for the phone line',
    problem: 'Morning calls wait 35 minutes',
    horizon: 'H3',
    ambition: 'transformational',
    npv: 5_000_000,
    pcs: 0.2,
    pts: 0.4,
    createdDaysAgo: 18,
    history: [],
  },
  {
    title: 'Subscription primary care for SMEs',
    problem: 'Small employers have no occupational health',
    horizon: 'H3',
    ambition: 'transformational',
    npv: 4_000_000,
    pcs: 0.25,
    pts: 0.55,
    createdDaysAgo: 95,
    history: [go('G1', 41, 'A new market next to what we do')],
  },
  {
    title: 'Waiting-room digital signage',
    problem: 'Patients do not know how long they will wait',
    horizon: 'H1',
    ambition: 'core',
    npv: 120_000,
    pcs: 0.8,
    pts: 0.95,
    createdDaysAgo: 290,
    history: [
      go('G1', 24, 'Cheap to try'),
      { gate: 'G2', decision: 'kill', afterDays: 47, reason: 'No experiment shows patients want it' },
    ],
  },
];
