import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { AuthenticationService } from '@ambidex/identity';
import { QueueProducer } from '@ambidex/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { credentialFrom } from '../auth/credentials';
import { problem, PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { toProblem } from '../errors/problem-details.filter';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** bull-board at /admin/queues. It is a raw Fastify plugin, so admin access is checked in a hook here. */
export async function mountQueueDashboard(app: NestFastifyApplication, logger: Logger): Promise<void> {
  const producer = app.get(QueueProducer);
  const auth = app.get(AuthenticationService);
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: producer.allQueues().map((queue) => new BullMQAdapter(queue)), serverAdapter });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith(QUEUE_DASHBOARD_PATH)) return;
    const credential = credentialFrom(request.headers);
    try {
      if (credential === null)
        throw Object.assign(new Error('Sign in as an admin to see the queues'), { statusCode: 401 });
      const principal = await auth.authenticate(credential);
      if (!principal.roles.includes('admin')) {
        return reply
          .status(403)
          .header('content-type', PROBLEM_CONTENT_TYPE)
          .send(problem(403, 'IDENTITY.FORBIDDEN', 'The queue dashboard is for admins'));
      }
    } catch (error) {
      const body = toProblem(error, logger);
      return reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
    }
  });
  await app.register(serverAdapter.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
}
