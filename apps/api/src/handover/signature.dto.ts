import { ApiProperty } from '@nestjs/swagger';

export class SignatureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) signerId!: string;
  @ApiProperty() printedName!: string;
  @ApiProperty({ enum: ['authored', 'reviewed', 'approved', 'accepted', 'rejected'] }) meaning!: string;
  @ApiProperty() signedAt!: Date;
  @ApiProperty({ description: 'SHA-256 of exactly what was signed' }) contentHash!: string;
  @ApiProperty({ enum: ['valid', 'void'], description: 'void when the record changed after signing' }) status!: string;
  @ApiProperty({ example: 'Signed by Quinn Quality-Head, 2026-11-22 10:04 UTC, meaning: approved' })
  manifestation!: string;
}
