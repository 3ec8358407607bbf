import { heldAtLock, watchMaximum } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';
import { HandoverCast, handoverCast, initiativeThroughG3, preparedAndSubmitted } from './support';

/**
 * What the handover race and rights specs share: an isolated app with a live worker, its cast (plus a second quality
 * head and an admin), packages in each state, and the reads their assertions make.
 */

export type Row = Record<string, unknown>;

export interface Doc {
  id: string;
  type: string;
  number: string | null;
  revisionId: string;
}

export const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);
export const statuses = (responses: TestResponse[]): number[] => sorted(responses.map((r) => r.status));
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class HandoverRaceKit {
  private constructor(
    readonly app: TestApp,
    readonly cast: HandoverCast,
    readonly quality2: TestUser,
    readonly admin: TestUser,
  ) {}

  static async start(): Promise<HandoverRaceKit> {
    const app = await TestApp.startIsolated({ worker: true });
    const cast = await handoverCast(app);
    return new HandoverRaceKit(
      app,
      cast,
      await app.newUser(['quality_head'], 'quality2'),
      await app.newUser(['admin'], 'admin'),
    );
  }

  q = <T = Row>(sql: string, params: unknown[] = []): Promise<T[]> =>
    this.app.dataSource.query(sql, params) as Promise<T[]>;
  count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS c`, params))[0]?.n ?? 0;
  post = (url: string, user: TestUser, body?: unknown): Promise<TestResponse> =>
    this.app.request({ method: 'POST', url, token: user.token, ...(body === undefined ? {} : { body }) });

  decide = (user: TestUser, packageId: string, body: Row): Promise<TestResponse> =>
    this.post(`/api/handover-packages/${packageId}/decision`, user, { password: TEST_PASSWORD, ...body });
  verdictBody = (verdict: 'accept' | 'reject'): Row =>
    verdict === 'reject' ? { verdict, reason: 'risks not understood' } : { verdict };
  approve = (user: TestUser, revisionId: string, body: Row = {}): Promise<TestResponse> =>
    this.post(`/api/revisions/${revisionId}/approval`, user, {
      password: TEST_PASSWORD,
      decision: 'approved',
      ...body,
    });
  raise = (user: TestUser, documentId: string, label: string): Promise<TestResponse> =>
    this.post(`/api/documents/${documentId}/change-requests`, user, {
      reason: `change ${label}`,
      impact: 'operators retrained',
      proposedTitle: `Changed title ${label}`,
      proposedBody: `# Changed\n${label}\n`,
    });
  decideChange = (user: TestUser, changeRequestId: string, body: Row = {}): Promise<TestResponse> =>
    this.post(`/api/change-requests/${changeRequestId}/decision`, user, {
      password: TEST_PASSWORD,
      approve: true,
      ...body,
    });
  /** The decision answers the document; the change request in it names the revision it made. */
  newRevisionOf = (decided: TestResponse, changeRequestId: string): string =>
    decided
      .json<{ changeRequests: { id: string; newRevisionId: string | null }[] }>()
      .changeRequests.find((c) => c.id === changeRequestId)?.newRevisionId ?? '';

  numberingTotal = async (): Promise<number> =>
    (await this.q<{ n: number }>(`SELECT sum(next_value)::int AS n FROM numbering_schemes`))[0]?.n ?? 0;
  documentsOf = (packageId: string): Promise<Doc[]> =>
    this.q<Doc>(
      `SELECT d.id, d.document_type AS type, d.number, r.id AS "revisionId" FROM controlled_documents d
         JOIN document_revisions r ON r.document_id = d.id AND r.revision = 1 WHERE d.package_id = $1 ORDER BY d.document_type`,
      [packageId],
    );
  effectiveCounts = (documentIds: string[]): Promise<{ document_id: string; n: number }[]> =>
    this.q(
      `SELECT d.id AS document_id, count(r.id)::int AS n FROM unnest($1::uuid[]) AS d(id)
         LEFT JOIN document_revisions r ON r.document_id = d.id AND r.state = 'effective' GROUP BY d.id`,
      [documentIds],
    );
  auditActions = (entityIds: string[]): Promise<{ action: string; actor_id: string | null; after: Row | null }[]> =>
    this.q(`SELECT action, actor_id, after FROM audit_entries WHERE entity_id = ANY($1::text[]) ORDER BY id`, [
      entityIds,
    ]);

  submittedPackage = async (): Promise<{ packageId: string; initiativeId: string }> => {
    const { packageId, initiativeId } = await initiativeThroughG3(this.app, this.cast);
    await preparedAndSubmitted(this.app, this.cast, packageId);
    return { packageId, initiativeId };
  };

  /** Submitted and accepted by cast.quality; its documents numbered, revision 1 in review, routed to `approverIds` (default: the deciding quality head). */
  acceptedPackage = async (
    approverIds?: string[],
  ): Promise<{ packageId: string; initiativeId: string; docs: Doc[] }> => {
    const { packageId, initiativeId } = await this.submittedPackage();
    const accepted = await this.decide(this.cast.quality, packageId, {
      verdict: 'accept',
      ...(approverIds === undefined ? {} : { approverIds }),
    });
    if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${accepted.body}`);
    return { packageId, initiativeId, docs: await this.documentsOf(packageId) };
  };

  /** Four controlled documents, each with revision 1 effective. */
  effectiveDocuments = async (): Promise<Doc[]> => {
    const { docs } = await this.acceptedPackage();
    for (const doc of docs) {
      const approved = await this.approve(this.cast.quality, doc.revisionId);
      if (approved.json<{ state: string }>().state !== 'effective')
        throw new Error(`approve: ${approved.status} ${approved.body}`);
    }
    return docs;
  };

  /** heldAtLock on this app's database: `lockSql` locks one row the use case locks too. */
  heldAtLock = <T>(lockSql: string, params: unknown[], waiters: number, race: () => Promise<T>, settleMs = 0) =>
    heldAtLock(this.app.config.database.url, { sql: lockSql, params }, waiters, race, settleMs);

  /** Polls, while a race runs, the worst number of effective revisions any of these documents has in one snapshot. */
  watchEffective = (documentIds: string[]): { stop: () => Promise<{ polls: number; worst: number }> } =>
    watchMaximum(
      async () =>
        (
          await this.q<{ worst: number }>(
            `SELECT coalesce(max(n), 0)::int AS worst FROM (SELECT count(*) AS n FROM document_revisions
               WHERE state = 'effective' AND document_id = ANY($1::uuid[]) GROUP BY document_id) AS per_document`,
            [documentIds],
          )
        )[0]?.worst ?? 0,
    );

  close = (): Promise<void> => this.app.close();
}
