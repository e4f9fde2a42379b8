import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { timingSafeEqual } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { LocalizedHttpError } from '../common/errors';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { OrgService } from '../org/org.service';
import { normalizeQueryCode } from '../petitions/numbering';
import { PetitionEvent } from '../petitions/petition-event.entity';
import type { EventKind } from '../petitions/petition.types';
import { deadlinesOf } from '../case-file/petition.view';
import { Publication } from './publication.entity';
import { PetitionRepository } from '../petitions/petition.repository';

/** Only these steps are shown publicly, and only with their time and unit: no notes, no people. */
const PUBLIC_KINDS: EventKind[] = [
  'received',
  'registered',
  'forwarded',
  'routed',
  'handed-over',
  'decided',
  'accepted',
  'declined',
  'diverted',
  'refused',
  'replied',
  'notified',
  'closed',
];
/** Steps whose unit of interest is where the petition went, not who sent it. */
const DESTINATION_KINDS: EventKind[] = ['routed', 'forwarded', 'handed-over', 'decided'];

const NO_MATCH = new LocalizedHttpError(404, {
  'zh-CN': '信访事项编号或查询码不正确，请核对回执后重试',
  en: 'The petition number or query code is wrong; check your receipt and try again',
});

@Injectable()
export class PublicProgressService {
  constructor(
    private readonly petitions: PetitionRepository,
    @InjectRepository(PetitionEvent) private readonly events: Repository<PetitionEvent>,
    @InjectRepository(Publication) private readonly publications: Repository<Publication>,
    private readonly cipher: PersonalDataCipher,
    private readonly org: OrgService,
  ) {}

  async progress(number: string, code: string) {
    const petition = await this.petitions.byNumber(number.trim().toUpperCase());
    const expected = Buffer.from(petition?.queryCodeHash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(this.cipher.hash(normalizeQueryCode(code)), 'hex');
    if (!petition || expected.length !== given.length || !timingSafeEqual(expected, given)) throw NO_MATCH;

    const [events, publication] = await Promise.all([
      this.events.find({ where: { petitionId: petition.id, kind: In(PUBLIC_KINDS) }, order: { occurredAt: 'ASC' } }),
      this.publications.findOneBy({ petitionId: petition.id }),
    ]);
    const unitName = async (code: string | null) => (code ? ((await this.org.unit(code))?.name ?? null) : null);
    return {
      number: petition.number,
      status: petition.status,
      receivedAt: petition.receivedAt.toISOString(),
      currentUnit: await unitName(petition.competentUnitCode),
      committedDate: petition.committedAt?.toISOString() ?? null,
      deadlines: deadlinesOf(petition).map(({ name, dueAt, article, metAt }) => ({ name, dueAt, article, metAt })),
      timeline: await Promise.all(
        events.map(async (event) => ({
          step: event.kind,
          at: event.occurredAt.toISOString(),
          unit: await unitName(DESTINATION_KINDS.includes(event.kind) ? String(event.data?.to ?? '') : event.unitCode),
        })),
      ),
      result: publication
        ? {
            result: publication.result,
            unit: publication.unitName,
            summary: publication.summary,
            publishedAt: publication.publishedAt.toISOString(),
          }
        : null,
    };
  }
}
