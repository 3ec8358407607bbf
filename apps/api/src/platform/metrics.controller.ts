import { Metrics } from '@ambidex/platform';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /** Public like /health, for Prometheus; it exposes counts and latencies, no business data. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: HTTP latency, queue depths, job durations' })
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format', schema: { type: 'string' } })
  render(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
