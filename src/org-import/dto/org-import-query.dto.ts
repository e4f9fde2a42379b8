import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class OrgImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: check and report what would change, write nothing' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: the problems as a CSV file (formula-like cells escaped)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
