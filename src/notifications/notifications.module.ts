import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { CryptoModule } from '../crypto/crypto.module';
import { InboxModule } from '../inbox/inbox.module';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { NoticeChannels } from './channels/notice-channels';
import { DeliveryFailures } from './delivery-failures';
import { NoticeDispatcher } from './dispatch/notice-dispatcher';
import { NoticeDocuments } from './notice-documents';
import { NotificationOutbox } from './notification-outbox';
import { NotifyHandler } from './notify.handler';
import { NoticeTemplates } from './templates/notice-templates';

/** The outbox (written by the steps that cause a notice), its dispatcher and the written documents. */
@Module({
  imports: [OrgModule, PetitionsModule, ClocksModule, CryptoModule, InboxModule],
  providers: [NotifyHandler, NotificationOutbox, NoticeTemplates, NoticeChannels, NoticeDocuments, NoticeDispatcher, DeliveryFailures],
  exports: [NotificationOutbox, NoticeDocuments, NoticeDispatcher, DeliveryFailures, NoticeTemplates],
})
export class NotificationsModule {}
