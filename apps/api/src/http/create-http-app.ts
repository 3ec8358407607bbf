import {
  AppConfig,
  Metrics,
  PinoNestLogger,
  requestContext,
  requestLoggerFactory,
  StructuredQueryLogger,
} from '@ambidex/platform';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ProblemDetailsFilter, toProblem } from '../errors/problem-details.filter';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { createValidationPipe } from '../errors/request-validation';
import { StrictInputPipe } from '../errors/strict-input.pipe';
import { INGEST_ROUTE } from './content-types';
import { registerBodyParsers } from './json-body';
import { httpDurationRecorder } from './http-duration';
import { mountOpenApi } from './openapi';
import { mountQueueDashboard } from './queue-dashboard';
import { OneLinePerRequest } from './request-log';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the configured Fastify-based Nest app: errors, validation, request ids, metrics, docs, queue dashboard. */
export async function createHttpApp(
  root: DynamicModule,
  config: AppConfig,
  logger: Logger,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.http.bodyLimitBytes,
    // request.ip (login rate limits, sessions) comes from X-Forwarded-For only when the peer is a trusted proxy.
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    requestIdHeader: false,
    logController: new OneLinePerRequest(),
    childLoggerFactory: requestLoggerFactory,
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
  // TypeORM's lines into this app's logger: Nest's process-wide one belongs to whichever app started last.
  app.get(DataSource).setOptions({
    logger: new StructuredQueryLogger(config.database.logQueries, logger.child({ context: 'TypeORM' })),
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
  // Hooks in callback style, one per phase: an async hook costs a promise per request.
  // The whole request runs in its context, error handling included, so every log line and audit entry carries its
  // id. Reading the body leaves the context (stream events), hence entering it again once the body is parsed.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('x-request-id', request.id);
    requestContext.run(request.id, done);
  });
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: () => void) =>
    requestContext.run(request.id, done),
  );
  const recordDuration = httpDurationRecorder(metrics.httpDuration);
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    recordDuration(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime);
    done();
  });

  try {
    mountOpenApi(app);
    await app.init();
    // After init: the contexts register their queues (JobHandlers) at module init, and the dashboard lists them.
    await mountQueueDashboard(app, logger);
    await fastify.ready();
  } catch (error) {
    // Release the connections the modules already opened, so a failed start leaves nothing running.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
