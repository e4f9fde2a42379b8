import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** GET /api/public/board/figures: one region's published monthly figures. Formats are checked by the service, in both languages. */
export class BoardFiguresQueryDto {
  @ApiPropertyOptional({ description: 'Region code; default: the whole city', example: '990102' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;

  @ApiPropertyOptional({ description: 'A month that has ended (YYYY-MM, China time); default: the last one', example: '2026-10' })
  @IsOptional()
  @IsString()
  @MaxLength(7)
  month?: string;
}
