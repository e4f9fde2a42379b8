import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class TaskListQueryDto {
  @ApiPropertyOptional({ enum: ['all', 'mine', 'unclaimed'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'mine', 'unclaimed'])
  filter?: 'all' | 'mine' | 'unclaimed';

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
  @Max(200)
  maxResults?: number;

  @ApiPropertyOptional({ description: 'Only tasks of this step (e.g. accept-decision); a step the caller does not act on lists nothing' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z-]{0,63}$/)
  step?: string;

  @ApiPropertyOptional({ description: "Only the tasks of the petition with this number (e.g. XF-990102-2026-000001)" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  number?: string;
}
