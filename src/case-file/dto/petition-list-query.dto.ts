import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CATEGORIES, Category, PETITION_STATUSES, PetitionStatus } from '../../petitions/petition.types';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class PetitionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PETITION_STATUSES })
  @IsOptional()
  @IsIn(PETITION_STATUSES)
  status?: PetitionStatus;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ description: 'Petition number, exact' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  number?: string;

}
