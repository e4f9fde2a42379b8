import { Controller, Get, Ip, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { AuditVerification } from '../audit/audit-chain';
import { AuditEntryView, AuditReader } from './audit-reader.service';
import { AuditQueryDto } from './dto/audit-query.dto';

/**
 * The auditor's view of the audit log. Read-only on purpose: there is no route (and no service
 * method) that changes or deletes an entry, so entries outlive the 6 months they must be kept.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@Controller('audit')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries, newest first, filtered; the read itself is recorded (audit.read)' })
  list(
    @CurrentUser() principal: Principal,
    @Ip() ip: string,
    @Query() query: AuditQueryDto,
  ): Promise<{ total: number; items: AuditEntryView[] }> {
    return this.reader.search(principal, ip ?? null, query);
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Re-check the hash chain of the whole log (recorded as audit.verify)',
    description: '{ok, checked, firstBreak: {seq, reason} | null, breaks: [{seq, reason}], breakCount}: every entry that was changed, deleted or re-linked (the first 100 listed).',
  })
  verify(@CurrentUser() principal: Principal, @Ip() ip: string): Promise<AuditVerification> {
    return this.reader.verify(principal, ip ?? null);
  }
}
