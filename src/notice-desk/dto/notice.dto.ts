import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsPhone } from '../../petitions/dto/create-petition.dto';
import { NOTIFICATION_CHANNELS, type NotificationChannel, type NotificationStatus } from '../../notifications/notification.entity';

const STATUSES: NotificationStatus[] = ['pending', 'sent', 'delivered', 'failed'];
export const PRINT_STATES = ['to-print', 'printed', 'posted'] as const;
export type PrintState = (typeof PRINT_STATES)[number];

class PagedQuery {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class NoticeListQueryDto extends PagedQuery {
  @ApiPropertyOptional({ enum: STATUSES, default: 'failed' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: NotificationStatus;
}

export class PrintQueueQueryDto extends PagedQuery {
  @ApiPropertyOptional({ enum: PRINT_STATES, default: 'to-print' })
  @IsOptional()
  @IsIn(PRINT_STATES)
  state?: PrintState;
}

export class ResendNoticeDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS, description: 'Send it by this channel instead (default: by the corrected contact)' })
  @IsOptional()
  @IsIn(NOTIFICATION_CHANNELS)
  channel?: NotificationChannel;

  @ApiPropertyOptional({ description: 'The corrected phone number (it replaces the petitioner’s)', example: '13800138000' })
  @IsOptional()
  @IsString()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ description: 'The corrected e-mail address', example: 'zhangsan@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string;
}

export class PostedNoticeDto {
  @ApiProperty({ description: '挂号信编号 as printed on the postal receipt', example: 'XA123456789CN' })
  @IsNotEmpty()
  @IsString()
  @MaxLength(32)
  @Matches(/^[A-Za-z0-9-]+$/)
  registeredMailNumber!: string;
}

export class ReceiptRequestDto {
  @ApiProperty({ description: 'The query code the registration answered with (it is stored only as a hash)', example: 'ABCD-EFGH-JKMN' })
  @IsNotEmpty()
  @IsString()
  @MaxLength(32)
  queryCode!: string;
}

export const NOTICE_SERVICE_METHODS = ['in-person', 'post'] as const;

export class ServedNoticeDto {
  @ApiProperty({ description: '送达日期 (YYYY-MM-DD, China time): the date on the return receipt, or the day it was handed over', example: '2026-11-29' })
  @IsNotEmpty()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  servedOn!: string;

  @ApiPropertyOptional({ enum: NOTICE_SERVICE_METHODS, description: '送达方式: by post (the default once posted) or in person (the default before)' })
  @IsOptional()
  @IsIn(NOTICE_SERVICE_METHODS)
  method?: (typeof NOTICE_SERVICE_METHODS)[number];
}
