import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { UNIT_KINDS, UnitKind } from '../../org/org.types';

export class UnitListQueryDto {
  @ApiPropertyOptional({ example: '990121' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  regionCode?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ type: Boolean, description: 'true: units in use; false: closed or merged units' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class CreateUnitDto {
  @ApiProperty({
    description: "The region's code, a hyphen, then lowercase letters, digits or hyphens; also the unit's candidate group in the engine",
    example: '990121-handling-room-9',
  })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  code!: string;

  @ApiProperty({ example: '青山县信访接待办理中心第九办理室' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(128)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiProperty({ example: '990121' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(12)
  regionCode!: string;

  @ApiPropertyOptional({
    description: "A handling room's center, a member body's township petition office",
    example: '990121-petition-office',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentUnitCode?: string | null;
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null detaches the unit from its parent' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentUnitCode?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: '复查机关: the body that reviews this unit’s opinions when not the one above it in the tree (Art. 35); null goes back to the tree',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reviewingUnitCode?: string | null;
}

export class CloseUnitDto {
  @ApiProperty({ description: 'The active unit that takes over the open work and the staff', example: '990121-handling-room-2' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(64)
  successorCode!: string;

  @ApiProperty({ example: '机构改革：第一办理室并入第二办理室' })
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  @MaxLength(500)
  reason!: string;
}

export interface ClosureCounts {
  /** Open engine tasks now offered to the successor. */
  tasks: number;
  /** Running process instances whose competentUnitCode now names the successor. */
  processInstances: number;
  /** Petitions whose competent unit is now the successor. */
  petitions: number;
  /** Accounts moved to the successor. */
  users: number;
}
