import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class KpiQueryDto {
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

  @ApiPropertyOptional({ description: 'One unit within your reach; all of them when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;
}
