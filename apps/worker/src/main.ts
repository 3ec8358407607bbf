import 'reflect-metadata';
import { createLogger, Metrics, PinoNestLogger } from '@ambidex/platform';
import { NestFactory } from '@nestjs/core';
import { createServer } from 'node:http';
import { resolveInfrastructure } from '../../shared/src/infrastructure';
import { RootModule } from '../../shared/src/root.module';
import { WorkerModule } from './worker.module';
import { loadAppConfig } from '../../shared/src/config-sections';

/** The worker alone: the queue workers, the relay and a /metrics endpoint for its job durations. */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const logger = createLogger(config, 'ambidex-worker');
  const infra = await resolveInfrastructure(config, (line) => logger.info(line));
  const app = await NestFactory.createApplicationContext(RootModule.forRoot(config, infra, [WorkerModule]), {
    logger: new PinoNestLogger(logger),
  });
  const metrics = app.get(Metrics);
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    void metrics.registry
      .metrics()
      .then((body) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body));
  }).listen(config.workerMetricsPort, config.http.host);
  logger.info(`worker running; metrics on :${config.workerMetricsPort}/metrics`);
  const stop = (): void => {
    server.close();
    void app.close().finally(() => infra.stop());
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
