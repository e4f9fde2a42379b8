import { Module } from '@nestjs/common';
import { InboxService } from './inbox.service';

/**
 * The staff inbox's writer, for the features that announce something (new tasks, the statutory
 * clocks, undeliverable notices). A worker feature: no controllers; InboxApiModule serves the inbox.
 */
@Module({
  providers: [InboxService],
  exports: [InboxService],
})
export class InboxModule {}
