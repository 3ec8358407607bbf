import { APP_CONFIG, AppConfig, verifyAnchoredAuditTrail } from '@ambidex/platform';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Allow } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';

class ChainProblemDto {
  @ApiProperty() chainKey!: string;
  @ApiProperty({ type: Number, nullable: true }) seq!: number | null;
  @ApiProperty() problem!: string;
}
class AnchorCountsDto {
  @ApiProperty() chains!: number;
  @ApiProperty() entries!: number;
}
class AuditAnchorDto {
  @ApiProperty({ description: 'The checkpoint file outside the database' }) checkpointFile!: string;
  @ApiProperty({ description: 'Signed checkpoints in it' }) checkpoints!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) latestAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Signing key of the latest checkpoint' }) keyId!:
    string | null;
  @ApiProperty({ type: AnchorCountsDto, description: 'What the checkpoints fix: still present with the same hashes' })
  covered!: AnchorCountsDto;
  @ApiProperty({
    type: AnchorCountsDto,
    description: 'Newer than the latest checkpoint: hash-chained, not anchored yet',
  })
  newer!: AnchorCountsDto;
}
class AuditVerificationDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() chains!: number;
  @ApiProperty() entries!: number;
  @ApiProperty({ type: [ChainProblemDto] }) problems!: ChainProblemDto[];
  @ApiProperty({ type: AuditAnchorDto }) anchor!: AuditAnchorDto;
}
class VerifyQueryDto {
  @ApiPropertyOptional({ description: 'Check one chain only, e.g. user:<id>' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  chain?: string;
}

@ApiTags('admin')
@Controller('api/admin/audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('verify')
  @ApiOperation({ summary: 'Verify the audit trail hash chains' })
  @Allow('admin')
  @ApiProblems(422)
  @ApiOkResponse({
    type: AuditVerificationDto,
    description:
      'Every hash chain re-computed and compared with the signed checkpoints; ok is false when any row was changed or removed',
  })
  async verify(@Query() query: VerifyQueryDto): Promise<AuditVerificationDto> {
    // A snapshot, so appends during the walk cannot look like breaks.
    const result = await this.dataSource.transaction('REPEATABLE READ', (em) =>
      verifyAnchoredAuditTrail(em, this.config.audit, query.chain),
    );
    return { ...result, anchor: result.anchor as AuditAnchorDto };
  }
}
