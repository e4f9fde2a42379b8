import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class SupervisionListQueryDto extends PageQueryDto {
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

}

export class IssueSupervisionDto {
  @ApiProperty({ description: 'An open task from the overdue report' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
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
  @IsNotBlank()
  @MaxLength(5000)
  text!: string;
}
