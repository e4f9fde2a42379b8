import { Body, Controller, Headers, HttpStatus, Post, Res } from '@nestjs/common';
import { LocalizedHttpError } from '../common/errors';
import { Audit } from '../audit/audit.decorator';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreatePetitionDto } from './dto/create-petition.dto';
import { CreatedPetition, PetitionIntake, RecordedRepeat } from './petition-intake.service';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
const MALFORMED_IDEMPOTENCY_KEY = new LocalizedHttpError(400, {
  'zh-CN': '幂等键（Idempotency-Key）须为 1 至 128 个可见 ASCII 字符，例如一个 UUID',
  en: 'Idempotency-Key must be 1 to 128 visible ASCII characters, e.g. a UUID',
});

/** Registration at the desk; reading a case is the case file's (case-file/). */
@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class PetitionsController {
  constructor(private readonly intake: PetitionIntake) {}

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
}
