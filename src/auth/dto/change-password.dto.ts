import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty()
  @IsNotEmpty()
  @IsString()
  @MaxLength(128)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 8 characters, three of: lower case, capitals, digits, symbols' })
  @IsNotEmpty()
  @IsString()
  @MaxLength(128)
  newPassword!: string;
}
