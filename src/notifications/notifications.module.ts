import { Module } from '@nestjs/common';
import { PetitionsModule } from '../petitions/petitions.module';
import { NotificationOutbox } from './notification-outbox';
import { NotifyHandler } from './notify.handler';
import { OrgModule } from '../org/org.module';

@Module({ imports: [OrgModule, PetitionsModule], providers: [NotifyHandler, NotificationOutbox], exports: [NotificationOutbox] })
export class NotificationsModule {}
