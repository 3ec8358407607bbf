import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { WEBHOOK_DELIVERY_STATUSES } from './portfolio-enums';

const URL_OPTIONS = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  require_valid_protocol: true,
};

export class CreateWebhookDto {
  @ApiProperty({
    format: 'uri',
    example: 'https://tools.example.com/hooks/ambidex',
    description: 'http or https; receives POSTs of stage changes',
  })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url!: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ format: 'uri', example: 'https://tools.example.com/hooks/ambidex' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url?: string;
  @ApiPropertyOptional({ description: 'false pauses deliveries; events while paused are not sent later' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WebhookSubscriptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) portfolioId!: string;
  @ApiProperty() url!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() createdAt!: Date;
}

export class CreatedWebhookSubscriptionDto extends WebhookSubscriptionDto {
  @ApiProperty({
    description:
      'Shown once. Each POST carries x-ambidex-signature: sha256=<hex HMAC-SHA256 of the raw body keyed with this secret>; ' +
      'verify it over the raw bytes before parsing, and dedupe on x-ambidex-event-id (delivery is at least once).',
  })
  secret!: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) deliveredAt!: Date | null;
}
