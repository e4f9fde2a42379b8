import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';

export class LoginDto {
  @ApiProperty({ example: 'donghu.registrar' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Demo@2026' })
  @IsNotEmpty()
  @IsString()
  @MaxLength(128)
  password!: string;
}
