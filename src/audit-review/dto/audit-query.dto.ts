import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { AUDIT_OUTCOMES, AuditOutcome } from '../../audit/audit-chain';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Username; "system" for the application itself', example: 'donghu.registrar' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ description: 'Exact action, or a prefix ending in *', example: 'petition.*' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ example: 'petition' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  resourceType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  resourceId?: string;

  @ApiPropertyOptional({ example: '990102-petition-office' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this instant (ISO 8601)', example: '2026-01-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Entries at or before this instant (ISO 8601)', example: '2026-01-31T23:59:59+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

}
