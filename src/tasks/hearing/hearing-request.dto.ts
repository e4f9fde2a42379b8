import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';

/** 听证: asked for by the petitioner (in writing) or decided by the body handling the step. */
export class HearingRequestDto {
  @ApiProperty({ enum: ['petitioner', 'body'], description: 'petitioner: a written request; body: the unit decides to hold one' })
  @IsNotEmpty()
  @IsIn(['petitioner', 'body'])
  initiatedBy!: 'petitioner' | 'body';

  @ApiProperty({ maxLength: 2000, description: 'Why a hearing: a major, complex or difficult matter, or the petitioner’s request' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
