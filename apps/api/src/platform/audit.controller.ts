import { verifyAuditTrail } from '@ambidex/platform';
import { Controller, Get, Query } from '@nestjs/common';
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
class AuditVerificationDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() chains!: number;
  @ApiProperty() entries!: number;
  @ApiProperty({ type: [ChainProblemDto] }) problems!: ChainProblemDto[];
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
  constructor(private readonly dataSource: DataSource) {}

  @Get('verify')
  @ApiOperation({ summary: 'Verify the audit trail hash chains' })
  @Allow('admin')
  @ApiProblems(422)
  @ApiOkResponse({ type: AuditVerificationDto, description: 'Every hash chain re-computed; ok is false when any row was changed or removed' })
  async verify(@Query() query: VerifyQueryDto): Promise<AuditVerificationDto> {
    // A snapshot, so appends during the walk cannot look like breaks.
    return this.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em, query.chain));
  }
}
