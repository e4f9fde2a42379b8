import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreatePetitionDto } from './dto/create-petition.dto';
import { CreatedPetition, PetitionsService } from './petitions.service';
import type { PetitionView } from './petition.view';

@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class PetitionsController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post()
  @Roles('registrar', 'agent')
  @ApiOperation({ summary: 'Register a petition at the caller’s unit; returns its number and the query code (shown once)' })
  @ApiCreatedResponse({ description: '{id, number, queryCode, processInstanceId, status}' })
  create(@CurrentUser() principal: Principal, @Body() body: CreatePetitionDto): Promise<CreatedPetition> {
    return this.petitions.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A petition with its status, current unit, deadlines and timeline' })
  findOne(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<PetitionView> {
    return this.petitions.findForCaller(principal, id);
  }
}
