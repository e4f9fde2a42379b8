import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';

export class ExtensionRequestDto {
  @ApiProperty({ minimum: 1, maximum: 30, description: 'Days to add to the handling period (Art. 34: at most 30)' })
  @IsInt()
  @Min(1)
  @Max(30)
  days!: number;

  @ApiProperty({ maxLength: 2000, description: 'Why the matter cannot be concluded in time; told to the petitioner if approved' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
