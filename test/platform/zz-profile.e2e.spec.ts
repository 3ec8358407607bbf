import { obliterateQueues } from '@ambidex/testing';
import * as gates from '@ambidex/gates';
import * as handover from '@ambidex/handover';
import * as qms from '@ambidex/qms';
import * as portfolio from '@ambidex/portfolio';
import * as experiments from '@ambidex/experiments';
import * as insights from '@ambidex/insights';
import { performance } from 'node:perf_hooks';
import { DemoBackdating } from '../../apps/shared/src/demo-backdating';
import { seedDemoData } from '../../apps/shared/src/demo-seed';
import { ensureDefaultModel } from '../portfolio/support';
import { TestApp } from '../support/test-app';

const totals: Record<string, [number, number]> = {};
function wrap(cls: any, name: string, method: string) {
  const orig = cls.prototype[method];
  cls.prototype[method] = async function (...args: unknown[]) {
    const t = performance.now();
    try { return await orig.apply(this, args); } finally {
      const k = `${name}.${method}`; const e = totals[k] ?? [0, 0]; e[0] += performance.now() - t; e[1]++; totals[k] = e;
    }
  };
}
describe('profile', () => {
  it('seeds', async () => {
    wrap(gates.RequestGateReview, 'Request', 'request');
    wrap(gates.PrepareGateReview, 'Prepare', 'run');
    wrap(gates.SubmitScorecard, 'Score', 'submit');
    wrap(gates.ComputeGateOutcome, 'Outcome', 'run');
    wrap(gates.DecideGateReview, 'Decide', 'decide');
    wrap(handover.AssembleHandoverPackage, 'Assemble', 'run');
    wrap(handover.PackagePreparation, 'Prepare pkg', 'update');
    wrap(handover.PackageAcceptance, 'Acceptance', 'submit');
    wrap(handover.PackageAcceptance, 'Acceptance', 'decide');
    wrap(qms.RevisionApprovals, 'Approvals', 'decide');
    wrap(qms.ElectronicSignatures, 'Sign', 'authenticate');
    wrap(portfolio.DeliverablesService, 'Deliverables', 'update');
    wrap(portfolio.InitiativeIntake, 'Intake', 'create');
    wrap(experiments.ExperimentsService, 'Experiments', 'create');
    wrap(experiments.ExperimentsService, 'Experiments', 'start');
    wrap(experiments.ExperimentsService, 'Experiments', 'recordResult');
    wrap(experiments.AssumptionsService, 'Assumptions', 'create');
    wrap(experiments.LearningsService, 'Learnings', 'record');
    wrap(insights.InsightsRefresh, 'Insights', 'refresh');
    wrap(DemoBackdating, 'Backdate', 'created');
    wrap(DemoBackdating, 'Backdate', 'decided');
    const app = await TestApp.startIsolated({ worker: true });
    await ensureDefaultModel(app);
    const t = performance.now();
    await seedDemoData(app.app, () => undefined);
    console.log(Math.round(performance.now() - t), JSON.stringify(Object.entries(totals).map(([k, [ms, n]]) => `${k} ${n}x ${Math.round(ms)}ms`), null, 1));
    await obliterateQueues(app.config);
    await app.close();
  }, 180_000);
});
