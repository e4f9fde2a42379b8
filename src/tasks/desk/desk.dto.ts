import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/** A colleague of the caller's unit, named by username (改派 / 委托). */
export class TaskHandOverDto {
  @ApiProperty({ description: 'Username of a colleague in your unit who may do this step', example: 'donghu.room1' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  username!: string;
}
