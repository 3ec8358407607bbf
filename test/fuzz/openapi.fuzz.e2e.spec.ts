import { testConfig } from '@ambidex/testing';
import { createInitiative, createPortfolio, ensureDefaultModel, initiativeBody } from '../portfolio/support';
import { TestApp } from '../support/test-app';
import { fuzzSettings, FuzzSession } from './fuzz-session';
import { OpenApiDocument } from './operations';

/**
 * Bodies, path and query parameters generated from every operation's own schemas in the served OpenAPI document:
 * valid ones, ones at the edges and invalid ones. No answer is a 5xx, every error is problem+json, and a refused
 * request changes no row count anywhere. Bounded here; `npm run fuzz` runs it longer and prints the seed to replay.
 */
describe('fuzzing every operation from the OpenAPI document', () => {
  const settings = fuzzSettings({ runs: 250, seconds: 20 });
  let api: TestApp;
  let session: FuzzSession;

  beforeAll(async () => {
    // A database of its own: the no-write check compares every table's row count. Logins are never throttled here.
    api = await TestApp.startIsolated({ config: testConfig({ auth: { loginMaxFailures: 1_000_000 } }) });
    await ensureDefaultModel(api);
    const fuzzer = await api.newUser(
      ['admin', 'leadership', 'innovation_lead', 'gatekeeper', 'quality_head'],
      'fuzzer',
    );
    await createInitiative(api, fuzzer, initiativeBody(await createPortfolio(api, fuzzer)));
    const document = (await api.request({ url: '/api/openapi.json' })).json<OpenApiDocument>();
    session = new FuzzSession(api, fuzzer, document);
    await session.warmUp();
  }, 60_000);
  afterAll(() => api.close());

  it(
    'answers no 5xx, only problem+json errors, and writes nothing it refuses',
    async () => {
      console.log(
        `fuzz: seed ${settings.seed} (replay with FUZZ_SEED=${settings.seed}), up to ${settings.runs} runs or ${settings.seconds} s`,
      );
      await session.run(settings);
      const { requests, operations, statuses, findings } = session.report;
      console.log(
        `fuzz: ${requests} requests over ${operations.size}/${session.operationCount} operations; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${findings.length} findings`,
      );
      const kinds = new Map<string, number>();
      for (const finding of findings) {
        const key = `${finding.problem.replace(/ of .*/, '')} (${finding.status}) ${finding.method} ${finding.url.split('?')[0]?.replace(/\/[^/]{40,}/g, '/<long>')}`;
        kinds.set(key, (kinds.get(key) ?? 0) + 1);
      }
      if (kinds.size > 0) console.log(`fuzz findings:\n${[...kinds].map(([key, n]) => `  ${n} × ${key}`).join('\n')}`);
      expect(operations.size).toBeGreaterThan(session.operationCount / 2);
      expect(findings.slice(0, 20)).toEqual([]);
    },
    (settings.seconds + 120) * 1000,
  );
});
