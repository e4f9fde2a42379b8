import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { residentIdProblem } from '../../common/resident-id';
import { LEVELS, Level } from '../../org/org.types';
import { CATEGORIES, Category, CHANNELS, Channel, MAX_REPRESENTATIVES } from '../petition.types';
import { CONTACT_PREFERENCES, ContactPreference } from '../petitioner.entity';

const RESIDENT_ID_CODES = {
  format: 'residentIdFormat',
  'birth-date': 'residentIdBirthDate',
  'check-digit': 'residentIdCheckDigit',
} as const;

/** 18-digit resident ID number; reports which part is wrong as its own constraint. */
function IsResidentId(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) => {
    for (const [problem, code] of Object.entries(RESIDENT_ID_CODES)) {
      registerDecorator({
        name: code,
        target: object.constructor,
        propertyName: propertyName as string,
        options: { ...options, message: `${String(propertyName)} ${problem}` },
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || residentIdProblem(value) !== problem,
        },
      });
    }
  };
}

/** Mainland mobile (11 digits) or landline with area code, e.g. 0571-88886666. */
export function IsPhone(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'phone',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { ...options, message: `${String(propertyName)} is not a phone number` },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/.test(value.replace(/\s+/g, '')),
      },
    });
}

export class PetitionerDto {
  @ApiProperty({ example: '张三' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(64)
  name!: string;

  @ApiProperty({ example: '11010519491231002X', description: '18-digit resident ID number' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @IsResidentId()
  idNumber!: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @IsString()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: '示范市东湖区东湖街道柳岸路8号' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ example: 'zhangsan@example.com', maxLength: 254 })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({
    enum: CONTACT_PREFERENCES,
    description: 'How written notices reach them; default: SMS with a phone, else e-mail, else a letter',
  })
  @IsOptional()
  @IsIn(CONTACT_PREFERENCES)
  contactPreference?: ContactPreference;
}

export class CreatePetitionDto {
  @ApiProperty({ enum: CHANNELS, example: 'visit' })
  @IsNotEmpty()
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ enum: CATEGORIES, example: 'complaint' })
  @IsNotEmpty()
  @IsIn(CATEGORIES)
  category!: Category;

  @ApiPropertyOptional({
    enum: LEVELS,
    default: 'county',
    description: 'Whose authority the matter lies within; drives routing.dmn',
  })
  @IsOptional()
  @IsIn(LEVELS)
  matterScope?: Level;

  @ApiProperty({ example: '小区外墙脱落无人维修', maxLength: 200 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ example: '柳岸小区3号楼外墙瓷砖多次脱落，物业和社区均未处理……', maxLength: 10000 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(10_000)
  content!: string;

  @ApiProperty({ example: '990102001002', description: 'Code of the region the matter concerns' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(12)
  regionCode!: string;

  @ApiPropertyOptional({ example: 1, default: 1, description: '5 or more makes a collective petition' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  personCount?: number;

  @ApiPropertyOptional({
    example: 'XF-990102-2026-000001',
    description: 'The earlier petition this one repeats, when the registrar recognizes it (otherwise matched automatically)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  repeatOf?: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'New facts or reasons (新的事实和理由): the registrar records them, and the petition is a new case even if the matter was concluded',
  })
  @IsOptional()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  newFactsOrReasons?: string;

  @ApiProperty({ type: [PetitionerDto], description: 'The petitioner, or up to 5 representatives' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPRESENTATIVES)
  // Each element must be an object: ValidateNested alone lets `[[…]]` through to the service.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PetitionerDto)
  petitioners!: PetitionerDto[];
}
