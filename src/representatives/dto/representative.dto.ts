import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { REPRESENTATIVE_KINDS, type RepresentativeKind } from '../public-representative.entity';

export class CreateRepresentativeDto {
  @ApiProperty({ example: '990102001' })
  @IsNotEmpty()
  @IsString()
  @Matches(/^\d{6}(\d{3}(\d{3})?)?$/)
  regionCode!: string;

  @ApiProperty({ maxLength: 64 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(64)
  name!: string;

  @ApiProperty({ enum: REPRESENTATIVE_KINDS, description: '人大代表 deputy / 政协委员 CPPCC member / 群众（社区）代表 community' })
  @IsIn(REPRESENTATIVE_KINDS)
  kind!: RepresentativeKind;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @IsNotBlank()
  @IsString()
  @MaxLength(128)
  organisation?: string;

  @ApiProperty({ description: 'Phone number: encrypted at rest, masked in every answer', example: '13800138000' })
  @IsNotEmpty()
  @IsString()
  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/)
  contact!: string;
}

export class RepresentativeListQueryDto {
  @ApiPropertyOptional({ description: 'Only this region (and, with below=true, the regions under it)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}(\d{3}(\d{3})?)?$/)
  regionCode?: string;
}

/** What a representative said, on a case or at a hearing. */
export class RepresentativeOpinionInputDto {
  @ApiProperty()
  @IsUUID('4')
  representativeId!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  opinion!: string;
}

export class InviteRepresentativeDto {
  @ApiProperty()
  @IsUUID('4')
  representativeId!: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'What they are asked to take part in (群众代表参与查办)' })
  @IsOptional()
  @IsNotBlank()
  @IsString()
  @MaxLength(500)
  purpose?: string;
}
