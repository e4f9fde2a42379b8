import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LEVELS, Level } from '../../org/org.types';

export class OverdueQueryDto {
  @ApiPropertyOptional({ description: 'Near-due window in days (default REPORT_NEAR_DUE_DAYS, 3)', minimum: 0, maximum: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  window?: number;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;

  @ApiPropertyOptional({ description: 'One unit (within your scope)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'A process step (user task key), e.g. accept-decision' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  step?: string;

  @ApiPropertyOptional({ description: 'Only tasks at least this many days overdue (excludes near-due ones)', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  minDaysOverdue?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  firstResult?: number;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  maxResults?: number;
}

export class ActivityHeatQueryDto {
  @ApiProperty({ enum: ['petition', 'unit-handling'] })
  @IsIn(['petition', 'unit-handling'])
  processKey!: 'petition' | 'unit-handling';
}
