import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';

/** Why: required, 4 to 500 characters, kept with the record and in the audit log. */
export class BoardReasonDto {
  @ApiProperty({ minLength: 4, maxLength: 500, example: '公示内容可能涉及当事人隐私，经核查后撤下' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MinLength(4)
  @MaxLength(500)
  reason!: string;
}

/** POST /api/board/takedowns and /api/board/withholdings. */
export class BoardExclusionDto extends BoardReasonDto {
  /** A UUID; its format is checked by the service (a malformed one is told in both languages). */
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  petitionId!: string;
}

export class BoardExclusionListQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
