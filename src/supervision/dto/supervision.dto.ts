import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class SupervisionListQueryDto {
  @ApiPropertyOptional({ enum: ['reminder', 'supervision', 'discipline'] })
  @IsOptional()
  @IsIn(['reminder', 'supervision', 'discipline'])
  kind?: 'reminder' | 'supervision' | 'discipline';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: supervision notices not yet answered' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  awaitingFeedback?: boolean;

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

export class IssueSupervisionDto {
  @ApiProperty({ description: 'An open task from the overdue report' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  taskId!: string;

  @ApiProperty({ enum: ['reminder', 'supervision'] })
  @IsIn(['reminder', 'supervision'])
  kind!: 'reminder' | 'supervision';

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class SupervisionFeedbackDto {
  @ApiProperty({ maxLength: 5000, description: 'What the unit has done and by when it will conclude' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text!: string;
}
