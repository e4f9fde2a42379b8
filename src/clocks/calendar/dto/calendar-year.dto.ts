import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

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
  @MaxLength(64)
  name!: string;
}

export class CalendarYearDto {
  @ApiProperty({ type: [CalendarDayDto], description: 'Every holiday and make-up working day of the year; replaces what was loaded for it' })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days!: CalendarDayDto[];
}
