import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';

export class ProgressQueryDto {
  @ApiProperty({ example: 'XF-990102-2026-000001' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(32)
  number!: string;

  @ApiProperty({ example: 'ABCD-EFGH-JKMN' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(20)
  code!: string;
}
