import { PlanAudit } from '@ambidex/audits';
import { ScheduleManagementReview } from '@ambidex/management-review';
import { CorrectiveActions, NonconformityInvestigation, RaiseNonconformity } from '@ambidex/nonconformity';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoCast } from './demo-cast';

const DAY = 86_400_000;

/**
 * The quality side after the handover, so the quality head and the auditor find work at first sign-in: a customer
 * complaint about the kiosk in operation, contained and analysed, with a corrective action for the lead; and an
 * internal audit of the kiosk's handover, planned for the auditor; and leadership's management review of the clinic
 * portfolio's year, its pack assembled by the worker.
 */
export async function seedDemoQualityLoop(
  app: INestApplicationContext,
  cast: DemoCast,
  portfolioId: string,
  now: Date,
): Promise<void> {
  const kioskId = await initiativeTitled(app, 'Self check-in kiosk');
  const ncId = await app.get(RaiseNonconformity).raise(cast.quality, {
    subject: { type: 'initiative', id: kioskId },
    source: 'customer_complaint',
    severity: 'minor',
    probability: 3,
    description:
      'A patient reports that the kiosk skipped the consent step after a time-out; the visit went ahead without recorded consent.',
    evidenceLinks: [],
  });
  const investigation = app.get(NonconformityInvestigation);
  await investigation.recordContainment(
    cast.quality,
    ncId,
    'Front desk checks consent on every kiosk check-in until the kiosk is fixed',
  );
  await investigation.recordRootCause(cast.quality, ncId, {
    whys: [
      'The consent screen was dismissed by the time-out',
      'The time-out returns to the start screen, not to the open step',
      'The work instruction never covered a time-out mid-check-in',
    ],
    causeCategory: 'method',
  });
  await app.get(CorrectiveActions).plan(cast.quality, ncId, {
    actions: [
      {
        text: 'Resume the open step after a time-out, and add the case to WI-0001',
        ownerId: cast.lead.userId,
        dueAt: new Date(now.getTime() + 14 * DAY),
      },
    ],
    effectivenessAfterDays: 30,
  });
  await app.get(PlanAudit).plan(cast.quality, {
    plannedFor: dayOf(now, 10),
    scope: 'Handover of the self check-in kiosk into controlled records',
    subject: { type: 'initiative', id: kioskId },
    clauses: ['ISO56001-8.3.6', 'ISO9001-7.5', 'ISO9001-10.2'],
    auditorId: cast.auditor.userId,
  });
  await app.get(ScheduleManagementReview).schedule(cast.chair, {
    meetingOn: dayOf(now, 21),
    from: dayOf(now, -365),
    to: dayOf(now, 0),
    portfolioId,
    ambition: null,
    horizon: null,
    contextChanges:
      'A new accessibility regulation applies to patient-facing kiosks from next year; two clinics nearby launched online check-in.',
  });
}

function dayOf(now: Date, daysAhead: number): string {
  return new Date(now.getTime() + daysAhead * DAY).toISOString().slice(0, 10);
}

async function initiativeTitled(app: INestApplicationContext, title: string): Promise<string> {
  const [row] = (await app.get(DataSource).query(`SELECT id FROM initiatives WHERE title = $1`, [title])) as {
    id: string;
  }[];
  if (row === undefined) throw new Error(`The demo has no initiative titled ${title}`);
  return row.id;
}
