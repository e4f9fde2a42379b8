import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { PetitionQueries } from '../case-file/petition-queries.service';
import { LocalizedHttpError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { OrgService } from '../org/org.service';
import { DataSource } from 'typeorm';
import { Petitioner } from '../petitions/petitioner.entity';
import type { Channel } from '../petitions/petition.types';
import { queryCodeMatches } from '../petitions/query-code';
import { formatQueryCode } from '../petitions/numbering';
import { chinaDate } from '../clocks/deadline';
import { renderNoticeDocument } from '../notifications/documents/notice-document';

const CHANNEL_WORDS: Record<Channel, string> = {
  letter: '来信',
  visit: '来访',
  online: '网上信访',
  phone: '来电',
  fax: '传真',
  agent: '村（社区）代办',
};

const WRONG_CODE = new LocalizedHttpError(400, {
  'zh-CN': '查询码与该信访事项不符。查询码只在登记成功时显示一次，请核对后重试',
  en: 'The query code does not belong to this petition. It is shown once, when the petition is registered; check it and try again',
});

/**
 * 登记回执: the petitioner's copy of the registration, printed at the desk. The query code is stored
 * only as a hash, so the receipt can be printed only by whoever still has the code registration
 * answered with; the code is checked, printed, and forgotten.
 */
@Injectable()
export class RegistrationReceipt {
  constructor(
    private readonly queries: PetitionQueries,
    private readonly cipher: PersonalDataCipher,
    private readonly org: OrgService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(principal: Principal, petitionId: string, queryCode: string): Promise<{ pdf: Buffer; filename: string }> {
    const petition = await this.queries.requireReadable(principal, petitionId);
    if (!queryCodeMatches(petition.queryCodeHash, queryCode, this.cipher)) throw WRONG_CODE;
    const [unit, petitioners] = await Promise.all([
      this.org.unit(petition.receivingUnitCode),
      this.dataSource.getRepository(Petitioner).find({ where: { petitionId }, order: { position: 'ASC' } }),
    ]);
    const names = petitioners.map((p) => p.name).join('、');
    const [year, month, day] = chinaDate(petition.receivedAt).split('-').map(Number);
    const progressUrl = `${this.config.notices.publicUrl}/progress?number=${encodeURIComponent(petition.number)}`;
    const pdf = await renderNoticeDocument({
      title: '信访事项登记回执',
      unitName: unit?.name ?? '信访工作机构',
      petitionNumber: petition.number,
      issuedAt: petition.receivedAt,
      recipientName: names || '信访人',
      body:
        `您（们）于${year}年${month}月${day}日以${CHANNEL_WORDS[petition.channel as Channel] ?? '信访'}形式反映的信访事项已登记。` +
        `主题：${petition.subject}。\n` +
        `我们将在收到之日起15日内决定是否受理并书面告知您（《信访工作条例》第二十三条）。` +
        `请妥善保管本回执和查询码：凭信访事项编号和查询码，可在 ${this.config.notices.publicUrl}/progress 查询办理进展、评价处理意见和请求复查。`,
      article: '依据：《信访工作条例》第二十二条、第二十三条',
      extraLines: [
        { label: '信访事项编号', value: petition.number },
        { label: '查询码', value: formatQueryCode(queryCode) },
      ],
      qr: { url: progressUrl, caption: '扫码查询办理进展' },
    });
    return { pdf, filename: `登记回执-${petition.number}.pdf` };
  }
}
