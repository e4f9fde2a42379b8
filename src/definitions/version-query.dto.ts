import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** Which version of a definition to read; without it, the latest. */
export class VersionQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, description: 'Version number; the latest version when omitted' })
  @IsOptional()
  // Only plain digits become a number ("1e0", "0x1" and " 1" stay strings and fail isInt).
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  version?: number;
}
