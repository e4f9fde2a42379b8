import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsString, Matches, MaxLength, ValidateNested, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';

export class CalendarDayDto {
  @ApiProperty({ example: '2027-02-08' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date!: string;

  @ApiProperty({ description: 'false: a public holiday; true: a make-up working day (调休)' })
  @IsBoolean()
  workday!: boolean;

  @ApiProperty({ example: '春节' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  name!: string;
}

export class CalendarYearDto {
  @ApiProperty({ type: [CalendarDayDto], description: 'Every holiday and make-up working day of the year; replaces what was loaded for it' })
  @IsArray()
  @ArrayMaxSize(366)
  // Each element must be an object: ValidateNested alone lets `[[…]]` through to the service.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days!: CalendarDayDto[];
}
