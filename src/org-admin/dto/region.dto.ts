import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { LEVELS, Level } from '../../org/org.types';

export class RegionListQueryDto {
  @ApiPropertyOptional({ description: 'Only the direct children of this region', example: '990121' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  parentCode?: string;
}

export class CreateRegionDto {
  @ApiProperty({ description: 'GB/T 2260-style: 6 digits (city, county), 9 (township), 12 (village)', example: '990121300' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(12)
  code!: string;

  @ApiProperty({ example: '新区镇' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  name!: string;

  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level!: Level;

  @ApiPropertyOptional({ description: 'The region one level up; none for a city', example: '990121', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  parentCode?: string | null;
}

export class UpdateRegionDto {
  @ApiProperty({ example: '新区镇' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  name!: string;
}
