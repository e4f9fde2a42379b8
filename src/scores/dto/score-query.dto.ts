import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TIERS, type Tier } from '../scoring-table';

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = '$property must be a month written YYYY-MM, e.g. 2026-01';

/** A month of the assessment. */
export class ScorePeriodDto {
  @ApiProperty({ description: 'The month (YYYY-MM, China time)', example: '2026-01', pattern: MONTH.source })
  @IsNotEmpty()
  @IsString()
  @Matches(MONTH, { message: MONTH_MESSAGE })
  period!: string;
}

export class ScoreQueryDto extends ScorePeriodDto {
  @ApiProperty({ enum: TIERS, description: 'county: the counties of the city; township: the townships of a county (or of every county in the region)' })
  @IsIn(TIERS)
  level!: Tier;

  @ApiPropertyOptional({
    description: 'The region to rank within (supervisors: your own by default, or one below it); it must be above the level ranked',
  })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;
}
