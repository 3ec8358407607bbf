import { AppConfig, Metrics, PinoNestLogger } from '@ambidex/platform';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Logger } from 'pino';
import { ProblemDetailsFilter, toProblem } from '../errors/problem-details.filter';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { createValidationPipe } from '../errors/request-validation';
import { StrictInputPipe } from '../errors/strict-input';
import { INGEST_ROUTE } from './content-types';
import { registerBodyParsers } from './json-body';
import { mountOpenApi } from './openapi';
import { mountQueueDashboard } from './queue-dashboard';


const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the configured Fastify-based Nest app: errors, validation, request ids, metrics, docs, queue dashboard. */
export async function createHttpApp(root: DynamicModule, config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.http.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // The router refuses a malformed URL (400) or an over-long path parameter (414) before any hook or filter runs.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const body = { ...toProblem(error, logger), instance: request.url, requestId: String(request.id) };
      void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false, // let the caller see why start failed instead of exiting the process
    bodyParser: false, // JSON only, through registerBodyParsers: no form bodies
  });
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.useGlobalPipes(new StrictInputPipe(), createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(Metrics);
  // Bulk ingestion routes (@RouteConfig(INGEST_ROUTE)) take bigger bodies than the rest.
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { bodyLimit?: string } | undefined)?.bodyLimit === INGEST_ROUTE.bodyLimit) {
      route.bodyLimit = config.http.ingestBodyLimitBytes;
    }
  });
  registerBodyParsers(fastify, config.http.ingestBodyLimitBytes);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-request-id', String(request.id));
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  try {
    await mountQueueDashboard(app, logger);
    mountOpenApi(app);
    await app.init();
    await fastify.ready();
  } catch (error) {
    // Release the connections the modules already opened, so a failed start leaves nothing running.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
