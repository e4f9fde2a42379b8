import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, IsNotEmpty } from 'class-validator';
import { TIME_LIMITS } from '../../clocks/time-limits';
import { IsNotBlank } from '../../common/is-not-blank';

export class ExtensionRequestDto {
  @ApiProperty({ minimum: 1, maximum: TIME_LIMITS.extension.days, description: `Days to add to the handling period (Art. 34: at most ${TIME_LIMITS.extension.days})` })
  @IsInt()
  @Min(1)
  @Max(TIME_LIMITS.extension.days)
  days!: number;

  @ApiProperty({ maxLength: 2000, description: 'Why the matter cannot be concluded in time; told to the petitioner if approved' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
