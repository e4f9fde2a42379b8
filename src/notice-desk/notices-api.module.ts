import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CamundaModule } from '../camunda/camunda.module';
import { CaseFileModule } from '../case-file/case-file.module';
import { ClocksModule } from '../clocks/clocks.module';
import { CryptoModule } from '../crypto/crypto.module';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { DeliveryReceipts } from './delivery-receipts';
import { DeliveryReceiptsController } from './delivery-receipts.controller';
import { NoticesController } from './notices.controller';
import { NoticeTemplatesController } from './notice-templates.controller';
import { NoticesDesk } from './notices-desk.service';
import { NoticeServing } from './notice-serving';
import { NotificationsModule } from '../notifications/notifications.module';
import { RegistrationReceipt } from './registration-receipt';

/** The notices' HTTP side: staff's desk (lists, documents, print queue, resend) and providers' receipts. */
@Module({
  imports: [NotificationsModule, CamundaModule, CaseFileModule, AccessModule, ClocksModule, CryptoModule, OrgModule, PetitionsModule],
  controllers: [NoticesController, DeliveryReceiptsController, NoticeTemplatesController],
  providers: [NoticesDesk, NoticeServing, RegistrationReceipt, DeliveryReceipts],
})
export class NoticesApiModule {}
