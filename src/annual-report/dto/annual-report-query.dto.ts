import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FIRST_YEAR } from '../annual-report.types';

export class AnnualReportQueryDto {
  @ApiPropertyOptional({ description: 'A region within your reach, with everything below it (default: your own region)', example: '990121' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;

  // The upper bound is checked against today's date in the service (a future year answers 400 there).
  @ApiProperty({ description: 'Calendar year (China time), not after the current one', example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(9999)
  year!: number;
}
