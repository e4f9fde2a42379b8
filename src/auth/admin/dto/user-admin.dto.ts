import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../common/is-not-blank';
import { ROLES, Role } from '../../roles';

/** What a user name may look like: lowercase letters, digits, dots and hyphens, 3 to 64 of them. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9.-]{2,63}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'qingshan.room2', description: 'Lower-case letters, digits, dots, hyphens' })
  @IsString()
  @Matches(USERNAME_PATTERN)
  username!: string;

  @ApiProperty({ example: '青山县第二办理室经办人 张三' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  displayName!: string;

  @ApiProperty({ example: '990121-handling-room-1' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  unitCode!: string;

  @ApiProperty({ description: 'Initial password; the password policy applies' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'false ends the account’s sessions and refuses sign-in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class SetRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'A temporary password; the password policy applies' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password!: string;
}
