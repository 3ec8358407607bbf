import { eventually } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';

export interface PackSectionView {
  key: string;
  clauses: string[];
  figures: Record<string, unknown>;
}

export interface ReviewView {
  id: string;
  number: string;
  status: string;
  periodFrom: string;
  periodTo: string;
  decisions: string[];
  contextChanges: string | null;
  packReady: boolean;
  packRound: number;
  packSha256: string | null;
  pack: { clauses: { clause: string; sections: PackSectionView[] }[] } | null;
  actions: { id: string; ownerId: string; doneAt: string | null; doneNote: string | null; overdue: boolean }[];
  opportunities: { initiativeId: string; title: string }[];
  signatures: { meaning: string; status: string; signerId: string }[];
}

export const DAY = 86_400_000;
export const dateIn = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** The period every test uses: the last year up to today, so what the tests create falls in it. */
export const PERIOD = { from: dateIn(-365), to: dateIn(0) };

/** Drives management reviews through the API of one TestApp. */
export class ReviewDriver {
  constructor(readonly app: TestApp) {}

  post = (url: string, user: TestUser | undefined, body: unknown = {}): Promise<TestResponse> =>
    this.app.request({ method: 'POST', url, ...(user === undefined ? {} : { token: user.token }), body });

  put = (url: string, user: TestUser, body: unknown): Promise<TestResponse> =>
    this.app.request({ method: 'PUT', url, token: user.token, body });

  get = async (user: TestUser, id: string): Promise<ReviewView> => {
    const response = await this.app.request({ url: `/api/management-reviews/${id}`, token: user.token });
    if (response.status !== 200) throw new Error(`get: ${response.status} ${response.body}`);
    return response.json<ReviewView>();
  };

  schedule = async (leader: TestUser, body: Record<string, unknown> = {}): Promise<ReviewView> => {
    const response = await this.post('/api/management-reviews', leader, {
      meetingOn: dateIn(7),
      ...PERIOD,
      contextChanges: 'A new regulation on kiosks; two competitors launched self check-in',
      ...body,
    });
    if (response.status !== 201) throw new Error(`schedule: ${response.status} ${response.body}`);
    return response.json<ReviewView>();
  };

  /** Waits for the pack job (the worker runs it) of the review's latest round. */
  packed = async (leader: TestUser, id: string): Promise<ReviewView> => {
    const review = await eventually(
      () => this.get(leader, id),
      (r) => r.packReady,
      30_000,
    );
    if (!review.packReady) throw new Error(`the pack of ${review.number} was not assembled`);
    return review;
  };

  sign = (leader: TestUser, id: string): Promise<TestResponse> =>
    this.post(`/api/management-reviews/${id}/sign`, leader, { password: TEST_PASSWORD });
}

export function section(review: ReviewView, key: string): PackSectionView {
  const found = review.pack?.clauses.flatMap((c) => c.sections).find((s) => s.key === key);
  if (found === undefined) throw new Error(`no section ${key} in the pack`);
  return found;
}
