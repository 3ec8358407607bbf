import { REQUEST_ID_LOG_KEY } from '@ambidex/platform';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';

/**
 * One log line per request instead of Fastify's two: 'request completed' (or 'request errored') carries the request
 * (method, url, host, client address) that 'incoming request' used to, with the status and the response time, under
 * the request's id. Errors and Fastify's other lines are unchanged.
 */
export class OneLinePerRequest extends LogController {
  constructor() {
    super({ requestIdLogLabel: REQUEST_ID_LOG_KEY });
  }

  override incomingRequest(): void {
    // Written with the outcome, in requestCompleted.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    } else {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }
}
