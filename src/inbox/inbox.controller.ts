import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { InboxListQueryDto } from './dto/inbox.dto';
import { InboxDeskService, InboxItemView } from './inbox-desk.service';
import { InboxStreamHub } from './inbox-stream.service';

/** 站内通知: every signed-in member of staff reads and marks their own inbox, and nobody else's. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly desk: InboxDeskService,
    private readonly hub: InboxStreamHub,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your notifications (new tasks, reminders, supervision notices, disciplinary recommendations), newest first' })
  list(@CurrentUser() principal: Principal, @Query() query: InboxListQueryDto): Promise<{ items: InboxItemView[]; total: number; unread: number }> {
    return this.desk.list(principal, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of your notifications are unread' })
  async unreadCount(@CurrentUser() principal: Principal): Promise<{ unread: number }> {
    return { unread: await this.desk.unreadCount(principal.username) };
  }

  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Server-sent events: `unread` {unread} on connect, `inbox` {unread, item} for each new notification, a comment every 25 s',
    description: 'Sign in with the bearer token as elsewhere (read it with fetch and a stream reader; EventSource cannot send the header). The stream ends when the session does.',
  })
  stream(@CurrentUser() principal: Principal, @Res() response: Response): Promise<void> {
    return this.hub.open(principal, response);
  }

  @Post('read-all')
  @HttpCode(200)
  @Audit({ action: 'inbox.mark-all-read', resourceType: 'notification', detail: (r) => r as Record<string, unknown> })
  @ApiOperation({ summary: 'Mark all your notifications read' })
  markAllRead(@CurrentUser() principal: Principal): Promise<{ updated: number }> {
    return this.desk.markAllRead(principal);
  }

  @Post(':id/read')
  @HttpCode(204)
  @Audit({ action: 'inbox.mark-read', resourceType: 'notification', idParam: 'id' })
  @ApiOperation({ summary: 'Mark one of your notifications read (404 for anyone else’s)' })
  markRead(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.desk.markRead(principal, id);
  }
}
