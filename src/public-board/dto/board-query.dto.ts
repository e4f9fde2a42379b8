import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BOARD_MAX_PAGE_SIZE, BOARD_MAX_ROWS } from '../board-rules';

export const BOARD_SECTIONS = ['accepted', 'results', 'hearings'] as const;
export type BoardSection = (typeof BOARD_SECTIONS)[number];

/**
 * GET /api/public/board: one section of one region's board (its whole subtree), optionally one unit's.
 * The codes' formats are checked by the service, so that a malformed one is told in both languages.
 */
export class BoardQueryDto {
  @ApiPropertyOptional({ description: 'Region code (its subtree is shown); default: the whole city', example: '990102' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Only matters of this unit', example: '990102-handling-room-1' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ enum: BOARD_SECTIONS, default: 'accepted' })
  @IsOptional()
  @IsIn(BOARD_SECTIONS)
  section?: BoardSection;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(BOARD_MAX_ROWS)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: BOARD_MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(BOARD_MAX_PAGE_SIZE)
  pageSize?: number;
}
