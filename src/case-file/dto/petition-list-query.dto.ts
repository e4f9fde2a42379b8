import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CATEGORIES, Category, CHANNELS, Channel, PETITION_STATUSES, PetitionStatus } from '../../petitions/petition.types';
import { LEVELS, Level } from '../../org/org.types';

export const PETITION_SORTS = ['-receivedAt', 'receivedAt', 'due', '-due', 'number'] as const;
export type PetitionSort = (typeof PETITION_SORTS)[number];

/** `true`/`false` in a query string; anything else is left for IsBoolean to refuse. */
const booleanQuery = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
/** A day (2026-11-29) or an instant (ISO 8601). */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Case search (卷宗检索): every criterion optional, combined with AND, within the caller's reach. */
export class PetitionListQueryDto {
  @ApiPropertyOptional({ description: 'Keyword: any part of the number, or words of the subject/content (content only where you may read it)' })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Petitioner full name, exact (only for staff who see petitioners’ data in clear)' })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ description: 'Petitioner ID number, exact (only for staff who see petitioners’ data in clear)' })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Matches(/^[0-9A-Za-z]{6,32}$/)
  idNumber?: string;

  @ApiPropertyOptional({ enum: PETITION_STATUSES })
  @IsOptional()
  @IsIn(PETITION_STATUSES)
  status?: PetitionStatus;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: LEVELS, description: 'The tier where the petition came in' })
  @IsOptional()
  @IsIn(LEVELS)
  tier?: Level;

  @ApiPropertyOptional({ description: 'Current competent unit' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Petition number, exact' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  number?: string;

  @ApiPropertyOptional({ description: 'Received on or after (a day, China time, or an ISO 8601 instant)', example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT)
  @IsISO8601()
  receivedFrom?: string;

  @ApiPropertyOptional({ description: 'Received on or before (a day, inclusive, or an ISO 8601 instant)', example: '2026-12-31' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT)
  @IsISO8601()
  receivedTo?: string;

  @ApiPropertyOptional({ description: 'With an open step past its deadline' })
  @IsOptional()
  @booleanQuery()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'A repeat of a concluded case' })
  @IsOptional()
  @booleanQuery()
  @IsBoolean()
  repeat?: boolean;

  @ApiPropertyOptional({ description: 'Collective petition' })
  @IsOptional()
  @booleanQuery()
  @IsBoolean()
  collective?: boolean;

  @ApiPropertyOptional({ description: 'Visit that skipped levels (越级)' })
  @IsOptional()
  @booleanQuery()
  @IsBoolean()
  levelSkip?: boolean;

  @ApiPropertyOptional({ enum: PETITION_SORTS, default: '-receivedAt' })
  @IsOptional()
  @IsIn(PETITION_SORTS)
  sort?: PetitionSort;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  firstResult?: number;

  @ApiPropertyOptional({ default: 50, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  maxResults?: number;
}
