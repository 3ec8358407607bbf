import { HealthService } from '@ambidex/platform';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';

class CheckDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ required: false }) detail?: string;
}
class ReplicaCheckDto extends CheckDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    required: false,
    description: 'WAL bytes the standby has still to replay (when reached); null for a copy that is not a standby',
  })
  lagBytes?: number | null;
}
class ChecksDto {
  @ApiProperty() database!: CheckDto;
  @ApiProperty() redis!: CheckDto;
  @ApiProperty() migrations!: CheckDto;
  @ApiProperty({
    required: false,
    description: 'Only with DATABASE_READ_URL; reported, never part of `ready` (the dashboards and searches read it)',
  })
  readReplica?: ReplicaCheckDto;
}
class ReadinessDto {
  @ApiProperty() ready!: boolean;
  @ApiProperty() checks!: ChecksDto;
}
class LivenessDto {
  @ApiProperty({ example: 'ok' }) status!: string;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessDto, description: 'The process is up' })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database, Redis and migrations' })
  @ApiOkResponse({ type: ReadinessDto, description: 'Database, Redis and migrations are all fine' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'At least one check failed' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const report = await this.health.readiness();
    if (!report.ready) void reply.status(503);
    return report;
  }
}
