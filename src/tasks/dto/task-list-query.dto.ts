import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

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
}
