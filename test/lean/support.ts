import { eventually } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';
import { HandoverCast, handoverCast, initiativeThroughG3, preparedAndSubmitted } from '../handover/support';

export interface Step {
  name: string;
  processTime: number;
  waitingTime: number;
  percentCompleteAccurate: number;
}

/** Lead time 200, process time 40, flow efficiency 0.2, rolled %C&A 0.72. */
export const BASELINE_STEPS: Step[] = [
  { name: 'Intake', processTime: 10, waitingTime: 50, percentCompleteAccurate: 90 },
  { name: 'Review', processTime: 20, waitingTime: 100, percentCompleteAccurate: 80 },
  { name: 'Release', processTime: 10, waitingTime: 10, percentCompleteAccurate: 100 },
];

/** Lead time 100, process time 40, flow efficiency 0.4, rolled %C&A 0.9. */
export const IMPROVED_STEPS: Step[] = [
  { name: 'Intake', processTime: 10, waitingTime: 20, percentCompleteAccurate: 100 },
  { name: 'Review', processTime: 20, waitingTime: 30, percentCompleteAccurate: 90 },
  { name: 'Release', processTime: 10, waitingTime: 10, percentCompleteAccurate: 100 },
];

export interface ValueStreamBody {
  id: string;
  processRecordId: string;
  ownerId: string;
  baselineAt: string | null;
  requestedPeriod: number | null;
  measurements: {
    kind: string;
    leadTime: number;
    processTime: number;
    flowEfficiency: number | null;
    rolledCa: number;
    period: number | null;
  }[];
  improvements: { id: string; number: string; status: string }[];
}

export interface ImprovementBody {
  id: string;
  number: string;
  status: string;
  waste: string;
  changeRequestId: string | null;
  changeDocumentId: string | null;
  actions: { id: string; ownerId: string; doneAt: string | null; doneNote: string | null }[];
  effect: {
    before: { leadTime: number; flowEfficiency: number | null };
    after: { leadTime: number; flowEfficiency: number | null };
    leadTimeDelta: number;
    flowEfficiencyDelta: number | null;
  } | null;
  documents: { id: string; number: string | null; status: string }[];
}

/** A controlled process: through G3 Go, prepared, submitted and accepted; its value stream opened by the event. */
export interface AcceptedProcess {
  cast: HandoverCast;
  packageId: string;
  processRecordId: string;
  valueStreamId: string;
}

/** Drives value streams and improvement events through the API of one TestApp. */
export class LeanDriver {
  constructor(readonly app: TestApp) {}

  post = (url: string, user: TestUser | undefined, body: unknown = {}): Promise<TestResponse> =>
    this.app.request({ method: 'POST', url, ...(user === undefined ? {} : { token: user.token }), body });

  get = (url: string, user: TestUser): Promise<TestResponse> => this.app.request({ url, token: user.token });

  async acceptedProcess(cast?: HandoverCast): Promise<AcceptedProcess> {
    const people = cast ?? (await handoverCast(this.app));
    const { packageId } = await initiativeThroughG3(this.app, people);
    await preparedAndSubmitted(this.app, people, packageId);
    const accepted = await this.post(`/api/handover-packages/${packageId}/decision`, people.quality, {
      password: TEST_PASSWORD,
      verdict: 'accept',
    });
    if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${accepted.body}`);
    const pkg = (await this.get(`/api/handover-packages/${packageId}`, people.quality)).json<{
      processRecord: { id: string };
    }>();
    const stream = await eventually(
      () => this.get(`/api/process-records/${pkg.processRecord.id}/value-stream`, people.quality),
      (r) => r.status === 200,
      20_000,
    );
    return {
      cast: people,
      packageId,
      processRecordId: pkg.processRecord.id,
      valueStreamId: stream.json<ValueStreamBody>().id,
    };
  }

  /** Every document of the package approved (so effective): change requests need an effective revision. */
  async documentsEffective(process: AcceptedProcess): Promise<void> {
    const pkg = (await this.get(`/api/handover-packages/${process.packageId}`, process.cast.quality)).json<{
      documents: { revisions: { id: string }[] }[];
    }>();
    for (const doc of pkg.documents) {
      const approved = await this.post(`/api/revisions/${doc.revisions[0]?.id}/approval`, process.cast.quality, {
        password: TEST_PASSWORD,
        decision: 'approved',
      });
      if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${approved.body}`);
    }
  }

  stream = async (user: TestUser, id: string): Promise<ValueStreamBody> =>
    (await this.get(`/api/value-streams/${id}`, user)).json<ValueStreamBody>();

  improvement = async (user: TestUser, id: string): Promise<ImprovementBody> =>
    (await this.get(`/api/improvements/${id}`, user)).json<ImprovementBody>();

  raise = async (
    user: TestUser,
    valueStreamId: string,
    body: Record<string, unknown> = {},
  ): Promise<ImprovementBody> => {
    const response = await this.post(`/api/value-streams/${valueStreamId}/improvements`, user, {
      waste: 'waiting',
      problem: 'Requests wait two days for review',
      target: 'Lead time halved',
      ...body,
    });
    if (response.status !== 201) throw new Error(`raise: ${response.status} ${response.body}`);
    return response.json<ImprovementBody>();
  };

  inbox = async (subjectId: string, kind: string): Promise<{ user_id: string; done_at: Date | null }[]> =>
    (await this.app.dataSource.query(
      `SELECT user_id, done_at FROM inbox_items WHERE subject_id = $1 AND kind = $2 ORDER BY user_id`,
      [subjectId, kind],
    )) as { user_id: string; done_at: Date | null }[];
}
