import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';

/** 申请复查 / 复核: why the petitioner disagrees with the opinion. */
export class ReviewRequestDto {
  @ApiProperty({ maxLength: 2000, description: '申请理由 reasons' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  reasons!: string;
}

/** A request made by phone or in person, taken down by a registrar. */
export class RecordedReviewRequestDto extends ReviewRequestDto {
  @ApiProperty({ enum: ['phone', 'in-person'] })
  @IsNotEmpty()
  @IsIn(['phone', 'in-person'])
  channel!: 'phone' | 'in-person';
}
