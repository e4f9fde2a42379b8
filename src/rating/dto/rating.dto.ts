import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RATING_VALUES, type RatingValue } from '../../petitions/petition.types';

/** 满意度评价: the handling unit and the petition office, rated separately. */
export class RatingDto {
  @ApiProperty({ enum: RATING_VALUES, description: '办理单位 handling unit' })
  @IsNotEmpty()
  @IsIn(RATING_VALUES)
  handlingUnit!: RatingValue;

  @ApiProperty({ enum: RATING_VALUES, description: '信访部门 petition office' })
  @IsNotEmpty()
  @IsIn(RATING_VALUES)
  petitionOffice!: RatingValue;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

/** A rating the petitioner gave by phone or in person, taken down by a registrar. */
export class RecordedRatingDto extends RatingDto {
  @ApiProperty({ enum: ['phone', 'in-person'] })
  @IsNotEmpty()
  @IsIn(['phone', 'in-person'])
  channel!: 'phone' | 'in-person';
}
