import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { LocalizedHttpError } from '../common/errors';
import { Audit } from '../audit-trail/audit.decorator';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreatePetitionDto } from './dto/create-petition.dto';
import { PetitionListQueryDto } from './dto/petition-list-query.dto';
import { CreatedPetition, PetitionIntake, RecordedRepeat } from './petition-intake.service';
import { PetitionPath, PetitionQueries, PetitionSummary } from './petition-queries.service';
import type { PetitionView } from './petition.view';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
const MALFORMED_IDEMPOTENCY_KEY = new LocalizedHttpError(400, {
  'zh-CN': '幂等键（Idempotency-Key）须为 1 至 128 个可见 ASCII 字符，例如一个 UUID',
  en: 'Idempotency-Key must be 1 to 128 visible ASCII characters, e.g. a UUID',
});

@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class PetitionsController {
  constructor(
    private readonly intake: PetitionIntake,
    private readonly queries: PetitionQueries,
  ) {}

  @Post()
  @Audit({ action: 'petition.create', resourceType: 'petition' })
  @Roles('registrar', 'agent')
  @ApiOperation({ summary: 'Register a petition at the caller’s unit; returns its number and the query code (shown once)' })
  @ApiCreatedResponse({ description: '{id, number, queryCode, processInstanceId, status[, repeatOf]}' })
  @ApiOkResponse({ description: 'Same petitioner, same matter, case still open: {repeat, id, number, …} of that case' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'One key per registration (e.g. a UUID, 1–128 visible ASCII characters). Sending the request again with the same key — ' +
      'after a lost answer — returns the first answer, query code included, and records nothing again (within 24 hours).',
  })
  async create(
    @CurrentUser() principal: Principal,
    @Body() body: CreatePetitionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CreatedPetition | RecordedRepeat> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) throw MALFORMED_IDEMPOTENCY_KEY;
    const result = await this.intake.create(principal, body, idempotencyKey);
    if ('repeat' in result) response.status(HttpStatus.OK);
    return result;
  }

  @Get()
  @ApiOperation({ summary: 'Petitions you may see (your unit’s, those it held, and for supervisors your region’s), newest first' })
  list(@CurrentUser() principal: Principal, @Query() query: PetitionListQueryDto): Promise<{ total: number; items: PetitionSummary[] }> {
    return this.queries.listForCaller(principal, query);
  }

  @Get(':id/path')
  @ApiOperation({ summary: 'The activities a petition passed and waits at, per process instance (for its diagram)' })
  path(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<PetitionPath[]> {
    return this.queries.pathForCaller(principal, id);
  }

  @Get(':id')
  @Audit({ action: 'petition.read', resourceType: 'petition', idParam: 'id', detail: personalDataShown })
  @ApiOperation({ summary: 'A petition with its status, current unit, deadlines and timeline' })
  findOne(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<PetitionView> {
    return this.queries.findForCaller(principal, id);
  }
}

/** Reading a case with the petitioner's ID and phone in clear is what PIPL asks to be traceable. */
function personalDataShown(view: unknown): Record<string, unknown> {
  const petitioners = (view as PetitionView).petitioners ?? [];
  return { personalData: petitioners.some((p) => !p.masked) ? 'clear' : 'masked' };
}
