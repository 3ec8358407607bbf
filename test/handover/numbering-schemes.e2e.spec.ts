import { DocumentControl } from '@ambidex/qms';
import { TestApp, TestUser } from '../support/test-app';

interface Scheme {
  documentType: string;
  prefix: string;
  padding: number;
  nextValue: number;
  nextNumber: string;
}

/** Admins set how controlled documents are numbered; no change can make a number be issued twice. */
describe('document numbering schemes', () => {
  let app: TestApp; // a database of its own: the schemes are global
  let admin: TestUser;
  let qualityHead: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    [admin, qualityHead] = [await app.newUser(['admin']), await app.newUser(['quality_head'])];
  });
  afterAll(() => app.close());

  const schemes = async (): Promise<Scheme[]> =>
    (await app.request({ url: '/api/admin/numbering-schemes', token: admin.token })).json<Scheme[]>();
  const patch = (type: string, body: unknown, token = admin.token) =>
    app.request({ method: 'PATCH', url: `/api/admin/numbering-schemes/${type}`, token, body });
  /** Issues a number as acceptance does, and files a document under it. */
  const issue = async (type: string): Promise<string> =>
    app.dataSource.transaction(async (em) => {
      const number = await app.app.get(DocumentControl).allocateNumber(em, type);
      await em.query(
        `INSERT INTO controlled_documents (document_type, number, title, owner_id, status) VALUES ($1, $2, 'Doc', $3, 'controlled')`,
        [type, number, qualityHead.id],
      );
      return number;
    });

  it('lists one scheme per document type, with the number the next document gets', async () => {
    expect(await schemes()).toEqual([
      { documentType: 'control_plan', prefix: 'CP', padding: 4, nextValue: 1, nextNumber: 'CP-0001' },
      { documentType: 'procedure', prefix: 'SOP', padding: 4, nextValue: 1, nextNumber: 'SOP-0001' },
      { documentType: 'specification', prefix: 'SPEC', padding: 4, nextValue: 1, nextNumber: 'SPEC-0001' },
      { documentType: 'work_instruction', prefix: 'WI', padding: 4, nextValue: 1, nextNumber: 'WI-0001' },
    ]);
  });

  it('a new prefix and padding number the next documents; the ones issued keep theirs; the change is audited', async () => {
    await expect(issue('procedure')).resolves.toBe('SOP-0001');
    const changed = await patch('procedure', { prefix: 'QP', padding: 3 });
    expect(changed.status).toBe(200);
    expect(changed.json()).toEqual({
      documentType: 'procedure',
      prefix: 'QP',
      padding: 3,
      nextValue: 2,
      nextNumber: 'QP-002',
    });
    await expect(issue('procedure')).resolves.toBe('QP-002');
    await expect(app.count(`controlled_documents WHERE number = 'SOP-0001'`)).resolves.toBe(1);
    const [entry] = (await app.dataSource.query(
      `SELECT actor_id, before, after FROM audit_entries WHERE action = 'qms.numbering-scheme.updated' AND entity_id = 'procedure'`,
    )) as { actor_id: string; before: { prefix: string }; after: { prefix: string; padding: number } }[];
    expect(entry).toMatchObject({ actor_id: admin.id, before: { prefix: 'SOP' }, after: { prefix: 'QP', padding: 3 } });
  });

  it('refuses what would issue a number again: a counter that goes back, or a prefix whose numbers are already issued', async () => {
    const before = await schemes();
    const back = await patch('procedure', { nextValue: 1 });
    expect(back.status).toBe(409);
    expect(back.json()).toMatchObject({ code: 'QMS.NUMBER_ALREADY_ISSUED' });

    // Another type's prefix: two counters under one prefix would meet.
    const taken = await patch('work_instruction', { prefix: 'QP' });
    expect(taken.status).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'QMS.PREFIX_IN_USE' });

    // A prefix given up by another type, whose numbers run higher, at another padding: WI-3 would be WI-0003 again.
    for (let i = 0; i < 4; i += 1) await issue('work_instruction');
    await expect(patch('work_instruction', { prefix: 'INS' })).resolves.toMatchObject({ status: 200 });
    const reuse = await patch('procedure', { prefix: 'WI', padding: 1 });
    expect(reuse.status).toBe(409);
    expect(reuse.json()).toMatchObject({
      code: 'QMS.NUMBER_ALREADY_ISSUED',
      detail: expect.stringContaining('nextValue must be at least 5'),
    });
    const after = await schemes();
    expect(after.find((s) => s.documentType === 'procedure')).toEqual(
      before.find((s) => s.documentType === 'procedure'),
    );

    const ahead = await patch('procedure', { prefix: 'WI', padding: 1, nextValue: 5 });
    expect(ahead.json()).toMatchObject({ prefix: 'WI', nextNumber: 'WI-5' });
    await expect(issue('procedure')).resolves.toBe('WI-5');
  });

  it('two admins giving one new prefix to two types at once: one 200, one 409, and one type holds it', async () => {
    const [a, b] = await Promise.all([
      patch('specification', { prefix: 'ZZ' }),
      patch('control_plan', { prefix: 'ZZ' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.json()).toMatchObject({ code: 'QMS.PREFIX_IN_USE' });
    expect((await schemes()).filter((s) => s.prefix === 'ZZ')).toHaveLength(1);
  });

  it('bad input is a 422 naming the field and changes nothing; only admins may', async () => {
    const before = await schemes();
    for (const [type, body, field] of [
      ['procedure', { prefix: 'sop' }, 'prefix'],
      ['procedure', { prefix: 'S-P' }, 'prefix'],
      ['procedure', { padding: 0 }, 'padding'],
      ['procedure', { padding: 2.5 }, 'padding'],
      ['procedure', { nextValue: 'ten' }, 'nextValue'],
      ['procedure', { colour: 'red' }, 'colour'],
      ['procedure', {}, 'prefix'],
      ['memo', { prefix: 'M' }, 'documentType'],
    ] as const) {
      const response = await patch(type, body);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
    }
    await expect(patch('procedure', { prefix: 'XX' }, qualityHead.token)).resolves.toMatchObject({ status: 403 });
    await expect(app.request({ url: '/api/admin/numbering-schemes', token: qualityHead.token })).resolves.toMatchObject(
      { status: 403 },
    );
    await expect(app.request({ url: '/api/admin/numbering-schemes' })).resolves.toMatchObject({ status: 401 });
    expect(await schemes()).toEqual(before);
  });
});
