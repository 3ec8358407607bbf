/**
 * The baseline of `npm run bench:memory`: a bare Fastify process answering the same small JSON as GET /api/auth/me,
 * started the same way as the API (same node flags), listening on PORT on loopback.
 */
import Fastify from 'fastify';

async function main(): Promise<void> {
  const bare = Fastify({ logger: false });
  const body = {
    id: '00000000-0000-4000-8000-000000000000',
    email: 'bench@example.test',
    displayName: 'Bench',
    roles: ['innovation_lead'],
  };
  bare.get('/api/auth/me', async () => body);
  bare.get('/health/live', async () => ({ status: 'ok' }));
  // eslint-disable-next-line no-restricted-syntax -- a standalone baseline process, given its port by the bench
  await bare.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
}

void main();
