import { testConfig } from '@ambidex/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** The failed-login counts live in Redis: while it is away, sign-in is a 503 with Retry-After, never a 500. */
describe('login while Redis is down', () => {
  let redis: ChildProcess;
  let api: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedis(port);
    const base = testConfig();
    api = await TestApp.start({ config: { ...base, redis: { ...base.redis, url: `redis://127.0.0.1:${port}` } } });
    user = await api.newUser(['innovation_lead']);
  });
  afterAll(async () => {
    await api.close();
    await stop(redis);
  }, 30_000);

  it('answers 503 problem+json with a retry-after, and the session table is untouched', async () => {
    await stop(redis);
    const sessionsBefore = await api.count('sessions');
    const response = await api.request({ method: 'POST', url: '/api/auth/login', body: { email: user.email, password: TEST_PASSWORD } });
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
    expect(response.json()).toMatchObject({ status: 503, code: 'IDENTITY.LOGIN_UNAVAILABLE' });
    await expect(api.count('sessions')).resolves.toBe(sessionsBefore);
  }, 30_000);
});
