import { checkEntry } from './ingest-entry';
import { costPerLearning, learningVelocity } from './learning';

const EXP = '6f1c3a3e-1111-4222-8333-444455556666';

describe('checkEntry', () => {
  it('accepts a complete result and a complete learning', () => {
    expect(
      checkEntry(
        { type: 'result', idempotencyKey: 'r-1', experimentId: EXP, value: 0.13, sampleSize: 250, cost: 900 },
        0,
      ),
    ).toMatchObject({ ok: true });
    expect(
      checkEntry(
        {
          type: 'learning',
          idempotencyKey: 'l-1',
          initiativeId: EXP,
          observed: 'x',
          belief: 'y',
          decision: 'pivot',
          confidence: 'high',
          evidence: [
            { kind: 'url', url: 'https://example.test/report' },
            { kind: 'file', name: 'interviews.pdf', sha256: 'a'.repeat(64) },
          ],
        },
        3,
      ),
    ).toMatchObject({ ok: true, entry: { evidence: [{ kind: 'url' }, { kind: 'file' }] } });
  });

  it('names every bad field with the entry index', () => {
    const check = checkEntry(
      {
        type: 'result',
        idempotencyKey: 'has space',
        experimentId: 'nope',
        value: 'high',
        sampleSize: -1,
        colour: 'red',
      },
      7,
    );
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.problems.map((p) => p.field).sort()).toEqual([
        'colour',
        'experimentId',
        'idempotencyKey',
        'sampleSize',
        'value',
      ]);
      expect(check.problems.every((p) => p.index === 7)).toBe(true);
    }
  });

  it.each([null, 42, 'text', [1]])('refuses %p as an entry', (raw) => {
    expect(checkEntry(raw, 0)).toEqual({
      ok: false,
      problems: [{ index: 0, field: '', reason: 'must be a JSON object' }],
    });
  });

  it.each([
    ['a cost too large for the column', { cost: 1e12 }, 'cost'],
    ['a sample size beyond an integer', { sampleSize: 3e9 }, 'sampleSize'],
    ['a date that does not exist', { observedAt: '2020-02-30' }, 'observedAt'],
    ['a NUL character', { note: 'a\u0000b' }, 'note'],
  ])('refuses %s before the database would', (_, extra, field) => {
    const check = checkEntry(
      { type: 'result', idempotencyKey: 'k', experimentId: EXP, value: 1, sampleSize: 10, ...extra },
      0,
    );
    expect(check).toMatchObject({ ok: false, problems: [{ field }] });
  });

  it('reports an NDJSON line that did not parse at its index', () => {
    expect(checkEntry({ $unparseable: 'Unexpected token' }, 4)).toEqual({
      ok: false,
      problems: [{ index: 4, field: '', reason: 'not valid JSON: Unexpected token' }],
    });
  });

  it('refuses an unknown type and bad evidence', () => {
    expect(checkEntry({ type: 'memo', idempotencyKey: 'k' }, 1)).toMatchObject({
      ok: false,
      problems: [{ field: 'type' }],
    });
    const bad = checkEntry(
      {
        type: 'learning',
        idempotencyKey: 'k',
        initiativeId: EXP,
        observed: 'o',
        belief: 'b',
        decision: 'persevere',
        confidence: 'low',
        evidence: [{ kind: 'file', name: 'x', sha256: 'short' }],
      },
      2,
    );
    expect(bad).toMatchObject({ ok: false, problems: [{ field: 'evidence[0]' }] });
  });
});

describe('roll-up figures', () => {
  it('learning velocity is resolved assumptions per 30 days', () => {
    expect(learningVelocity(6, 60)).toBe(3);
    expect(learningVelocity(1, 0)).toBe(30);
  });
  it('cost per learning is null before the first learning', () => {
    expect(costPerLearning(1000, 0)).toBeNull();
    expect(costPerLearning(1000, 3)).toBe(333.33);
  });
});
