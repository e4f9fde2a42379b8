import { Injectable } from '@nestjs/common';
import { OrgService } from '../org/org.service';
import type { Petition } from '../petitions/petition.entity';
import type { Petitioner } from '../petitions/petitioner.entity';
import { renderNoticeDocument } from './documents/notice-document';
import { NOTICE_DOCUMENTS } from './notice-texts';
import type { Notification, NotificationChannel } from './notification.entity';

/** How the document says it was served (送达方式): what the Art. 35/36 windows count from. */
const SERVICE_METHODS: Record<NotificationChannel, string> = {
  sms: '短信告知',
  email: '电子邮件送达',
  letter: '邮寄送达',
};

/**
 * The written notice of an outbox row as a PDF: the words stored on the row (so a document printed
 * again reads as the one sent), under the sending unit's name, with the article it rests on.
 */
@Injectable()
export class NoticeDocuments {
  constructor(private readonly org: OrgService) {}

  async render(notice: Notification, petition: Pick<Petition, 'number'>, petitioner: Pick<Petitioner, 'name'>): Promise<Buffer> {
    const document = NOTICE_DOCUMENTS[notice.kind];
    return renderNoticeDocument({
      title: document.title,
      unitName: await this.unitName(notice.unitCode),
      petitionNumber: petition.number,
      issuedAt: notice.createdAt,
      recipientName: petitioner.name,
      body: notice.body,
      article: `依据：${document.article}`,
      serviceMethod: `送达方式：${SERVICE_METHODS[notice.channel]}`,
    });
  }

  async unitName(unitCode: string | null): Promise<string> {
    return (unitCode ? (await this.org.unit(unitCode))?.name : undefined) ?? '承办单位';
  }
}

