import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { User } from '../auth/user.entity';
import { CaseFileModule } from '../case-file/case-file.module';
import { OrgModule } from '../org/org.module';
import { PetitionReview } from '../review/petition-review.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { Attachment } from './attachment.entity';
import { AttachmentsService } from './attachments.service';
import { attachmentStoreProvider } from './store/attachment-store.provider';

/** Attachments of petitions: the store, the checks and the records (no routes; AttachmentsApiModule has them). */
@Module({
  imports: [AccessModule, CaseFileModule, OrgModule, TypeOrmModule.forFeature([Attachment, PetitionReview, User, OpenTask])],
  providers: [attachmentStoreProvider, AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
