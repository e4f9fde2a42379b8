import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ProgressQueryDto {
  @ApiProperty({ example: 'XF-990102-2026-000001' })
  @IsNotEmpty()
  @IsString()
  @MaxLength(32)
  number!: string;

  @ApiProperty({ example: 'ABCD-EFGH-JKMN' })
  @IsNotEmpty()
  @IsString()
  @MaxLength(20)
  code!: string;
}
