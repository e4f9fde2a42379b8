import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Transactions } from '../database/transactions';
import { InviteRepresentativeDto, RepresentativeOpinionInputDto } from '../representatives/dto/representative.dto';
import { RepresentativesService } from '../representatives/representatives.service';
import { PetitionQueries } from './petition-queries.service';

/** 群众代表参与查办: public representatives taking part in handling a case, and what they said. */
@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class RepresentativesOnCaseController {
  constructor(
    private readonly queries: PetitionQueries,
    private readonly representatives: RepresentativesService,
    private readonly tx: Transactions,
  ) {}

  @Post(':id/representatives')
  @HttpCode(204)
  @Audit({ action: 'petition.invite-representative', resourceType: 'petition', idParam: 'id' })
  @ApiOperation({ summary: 'Invite a public representative from the register to take part in handling this case' })
  async invite(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: InviteRepresentativeDto): Promise<void> {
    await this.queries.requireForCaseWork(principal, id);
    const representative = await this.representatives.requireInvitable(principal, dto.representativeId);
    await this.tx.write((manager) => this.representatives.invite(manager, principal, id, representative, dto.purpose?.trim() || null));
  }

  @Post(':id/representative-opinions')
  @HttpCode(201)
  @Audit({ action: 'petition.representative-opinion', resourceType: 'petition', idParam: 'id' })
  @ApiOperation({ summary: 'Record a public representative’s opinion on this case (on its timeline)' })
  async opinion(
    @CurrentUser() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: RepresentativeOpinionInputDto,
  ): Promise<{ id: string }> {
    await this.queries.requireForCaseWork(principal, id);
    const representative = await this.representatives.requireInvitable(principal, dto.representativeId);
    return { id: await this.tx.write((manager) => this.representatives.recordOpinion(manager, principal, id, { representative, opinion: dto.opinion })) };
  }
}
