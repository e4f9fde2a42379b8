import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClocksModule } from '../clocks/clocks.module';
import { InboxDeskService } from './inbox-desk.service';
import { InboxStreamHub } from './inbox-stream.service';
import { InboxController } from './inbox.controller';

/** The inbox over HTTP: the list, marking read, and the live stream. */
@Module({
  imports: [AuditModule, ClocksModule],
  controllers: [InboxController],
  providers: [InboxDeskService, InboxStreamHub],
})
export class InboxApiModule {}
