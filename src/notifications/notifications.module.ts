import { Module } from '@nestjs/common';
import { NotifyHandler } from './notify.handler';

@Module({ providers: [NotifyHandler] })
export class NotificationsModule {}
