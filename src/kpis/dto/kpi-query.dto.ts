import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { LEVELS, type Level } from '../../org/org.types';
import { ASSESSMENT_METRICS, type AssessmentMetric } from '../../assessment/assessment-fact.entity';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const KPI_GROUPINGS = ['unit', 'region', 'tier'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];

/** A period of whole months. */
export class KpiPeriodDto {
  @ApiProperty({ description: 'First month of the period (YYYY-MM, China time)', example: '2026-01' })
  @IsNotEmpty()
  @IsString()
  @Matches(MONTH)
  from!: string;

  @ApiProperty({ description: 'Last month of the period, included (YYYY-MM); a quarter is three months, a year twelve', example: '2026-03' })
  @IsNotEmpty()
  @IsString()
  @Matches(MONTH)
  to!: string;

  @ApiPropertyOptional({ description: 'One unit within your reach' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'A region within your reach (supervisors)' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;

  @ApiPropertyOptional({ enum: LEVELS, description: 'With regionCode, for a trend or cases: one tier of units within the region' })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;
}

export class KpiQueryDto extends KpiPeriodDto {
  @ApiPropertyOptional({
    enum: KPI_GROUPINGS,
    description: 'unit: each unit (of regionCode when given); region: the region and each region directly below it; tier: the region and each tier of units within it',
  })
  @IsOptional()
  @IsIn(KPI_GROUPINGS)
  by?: KpiGrouping;
}

export class KpiCasesQueryDto extends KpiPeriodDto {
  @ApiPropertyOptional({ enum: ASSESSMENT_METRICS, description: 'The metric behind the figure; absent with missed=true: every step done after its limit (超期)' })
  @IsOptional()
  @IsIn(ASSESSMENT_METRICS)
  metric?: AssessmentMetric;

  @ApiPropertyOptional({ description: 'Only the facts that missed their limit (or, for a rating, were not satisfied)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  missed?: boolean;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
