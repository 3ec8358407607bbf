import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'email must be an email' }) reason!: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'https://ambidex.dev/problems/request-validation-failed' }) type!: string;
  @ApiProperty({ example: 'Validation failed' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'The request has 1 invalid field(s)' }) detail!: string;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'REQUEST.VALIDATION_FAILED' }) code!: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) errors?: FieldProblemDto[];
  @ApiPropertyOptional({ example: '/api/admin/users' }) instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ description: 'Present on 500s; look it up in the logs' }) errorId?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (for example, invalid JSON)',
  401: 'No valid credential',
  403: 'The caller lacks a required role',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  422: 'Invalid fields; each is named in errors[]',
  429: 'Too many attempts; see Retry-After',
};

/** Documents the problem+json error responses a route can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
}
