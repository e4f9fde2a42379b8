import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { PetitionListQueryDto } from './dto/petition-list-query.dto';
import { PetitionPath, PetitionQueries, PetitionSummary } from './petition-queries.service';
import type { PetitionView } from './petition.view';

/** The case file (卷宗): the petitions a caller may see, and each one in full. */
@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class CaseFileController {
  constructor(private readonly queries: PetitionQueries) {}

  @Get()
  @ApiOperation({ summary: 'Petitions you may see (your unit’s, those it held, and for supervisors your region’s), newest first' })
  list(@CurrentUser() principal: Principal, @Query() query: PetitionListQueryDto): Promise<{ total: number; totalCapped: boolean; items: PetitionSummary[] }> {
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
