import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class TaskListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['all', 'mine', 'unclaimed'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'mine', 'unclaimed'])
  filter?: 'all' | 'mine' | 'unclaimed';


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

  @ApiPropertyOptional({ description: 'Any part of the petition number, or words of its subject' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['due', '-due', 'received', '-received'], default: 'due', description: 'received: when the task reached the unit' })
  @IsOptional()
  @IsIn(['due', '-due', 'received', '-received'])
  sort?: 'due' | '-due' | 'received' | '-received';

  @ApiPropertyOptional({ enum: ['approval'], description: "approval: the unit head's pending approvals (待审批)" })
  @IsOptional()
  @IsIn(['approval'])
  awaiting?: 'approval';
}
