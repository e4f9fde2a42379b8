import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Notice, NoticeKind } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { NOTICE_DOCUMENTS, NOTICE_VARIABLES } from '../notifications/notice-texts';
import { MAX_TEMPLATE_LENGTH, NoticeTemplates } from '../notifications/templates/notice-templates';

export class SaveNoticeTemplateDto {
  @ApiProperty({ description: 'The wording, with {{variables}} from the list this notice offers', maxLength: MAX_TEMPLATE_LENGTH })
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  body!: string;
}

function noticeKind(raw: string): NoticeKind {
  if (!(Object.values(Notice) as string[]).includes(raw)) {
    throw new LocalizedHttpError(404, { 'zh-CN': `没有名为 ${raw} 的告知书`, en: `There is no notice called ${raw}` });
  }
  return raw as NoticeKind;
}

/** 告知书模板: the system administrator's say over the notices' wording; every save is a new, audited version. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('system-admin')
@Controller('admin/notice-templates')
export class NoticeTemplatesController {
  constructor(
    private readonly templates: NoticeTemplates,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every notice: its document title, article, the wording in use (version 0: the default) and the variables it may use' })
  async list() {
    return Promise.all(
      (Object.values(Notice) as NoticeKind[]).map(async (kind) => ({
        kind,
        ...NOTICE_DOCUMENTS[kind],
        ...(await this.templates.current(kind)),
        variables: Object.entries(NOTICE_VARIABLES[kind]).map(([name, description]) => ({ name, description })),
      })),
    );
  }

  @Get(':kind/versions')
  @ApiOperation({ summary: 'Earlier wordings of a notice, newest first' })
  versions(@Param('kind') kind: string) {
    return this.templates.versions(noticeKind(kind));
  }

  @Put(':kind')
  @Audit({ action: 'notice-template.save', resourceType: 'notice-template', idParam: 'kind' })
  @ApiOperation({ summary: 'A new wording for a notice; notices already written keep theirs' })
  save(@CurrentUser() principal: Principal, @Param('kind') kind: string, @Body() dto: SaveNoticeTemplateDto) {
    return this.templates.save(noticeKind(kind), dto.body, principal.username, this.clock.now());
  }
}
