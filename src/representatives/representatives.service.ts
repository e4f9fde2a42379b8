import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { maskPhone } from '../crypto/masking';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { recordEvent } from '../petitions/timeline';
import type { CreateRepresentativeDto } from './dto/representative.dto';
import { PublicRepresentative } from './public-representative.entity';
import { RepresentativeOpinion } from './representative-opinion.entity';

export interface RepresentativeView {
  id: string;
  regionCode: string;
  regionName: string;
  name: string;
  kind: string;
  organisation: string | null;
  /** Always masked: the office that needs to call them looks it up through the register's export, never here. */
  contact: string;
  active: boolean;
}

const NOT_FOUND = new LocalizedHttpError(404, { 'zh-CN': '群众代表不存在', en: 'No such public representative' });

const NOT_KEEPER = new LocalizedHttpError(403, {
  'zh-CN': '群众代表名册由本区划（或上级区划）信访工作机构的工作人员维护',
  en: 'The register of public representatives is kept by the staff of the petition office of the region or a region above it',
});

/** 群众代表: the register each region's petition office keeps, and their part in cases. */
@Injectable()
export class RepresentativesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly access: AccessPolicy,
    private readonly org: OrgService,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, regionCode?: string): Promise<RepresentativeView[]> {
    const regions = await this.access.representativeRegions(principal);
    if (!regions) return [];
    const visible = regionCode ? regions.filter((code) => code === regionCode) : regions;
    if (visible.length === 0) return [];
    const rows = await this.dataSource.manager.find(PublicRepresentative, { where: { regionCode: In(visible) }, order: { regionCode: 'ASC', name: 'ASC' } });
    return Promise.all(rows.map((row) => this.view(row)));
  }

  async create(principal: Principal, dto: CreateRepresentativeDto): Promise<RepresentativeView> {
    if (!(await this.org.region(dto.regionCode))) throw new LocalizedHttpError(400, { 'zh-CN': `区划「${dto.regionCode}」不存在`, en: `Region ${dto.regionCode} does not exist` });
    if (!(await this.access.keepsRepresentativesOf(principal, dto.regionCode))) throw NOT_KEEPER;
    const row = await this.tx.write(async (manager) => {
      const created: PublicRepresentative = {
        id: randomUUID(),
        regionCode: dto.regionCode,
        name: dto.name.trim(),
        kind: dto.kind,
        organisation: dto.organisation?.trim() || null,
        contactCipher: this.cipher.encrypt(dto.contact.trim()),
        active: true,
        createdBy: principal.username,
        createdAt: this.clock.now(),
      };
      await manager.insert(PublicRepresentative, created);
      await this.audit.recordRequest(manager, { resourceId: created.id });
      return created;
    });
    return this.view(row);
  }

  async deactivate(principal: Principal, id: string): Promise<RepresentativeView> {
    const row = await this.dataSource.manager.findOneBy(PublicRepresentative, { id });
    if (!row) throw NOT_FOUND;
    if (!(await this.access.keepsRepresentativesOf(principal, row.regionCode))) throw NOT_KEEPER;
    await this.tx.write(async (manager) => {
      await manager.update(PublicRepresentative, { id }, { active: false });
      await this.audit.recordRequest(manager, { resourceId: id });
    });
    return this.view({ ...row, active: false });
  }

  /** A representative the caller may invite: active, and in a region the caller may look up. */
  async requireInvitable(principal: Principal, id: string): Promise<PublicRepresentative> {
    const row = await this.dataSource.manager.findOneBy(PublicRepresentative, { id });
    const regions = await this.access.representativeRegions(principal);
    if (!row || !row.active || !regions?.includes(row.regionCode)) throw NOT_FOUND;
    return row;
  }

  /** 群众代表参与查办: invited to take part in handling the case; on its timeline. */
  async invite(manager: EntityManager, principal: Principal, petitionId: string, representative: PublicRepresentative, purpose: string | null): Promise<void> {
    await recordEvent(manager, {
      petitionId,
      kind: 'representative-invited',
      occurredAt: this.clock.now(),
      unitCode: principal.unitCode,
      actor: principal.username,
      note: purpose,
      data: { representativeId: representative.id, name: representative.name, kind: representative.kind },
    });
  }

  /** What a representative said about the case (while taking part in handling it, or at a hearing), on its record and timeline. */
  async recordOpinion(
    manager: EntityManager,
    principal: Principal,
    petitionId: string,
    said: { representative: Pick<PublicRepresentative, 'id' | 'name'>; opinion: string; hearingId?: string | null; at?: Date },
  ): Promise<string> {
    const id = randomUUID();
    const now = said.at ?? this.clock.now();
    const opinion = said.opinion.trim();
    await manager.insert(RepresentativeOpinion, {
      id,
      petitionId,
      representativeId: said.representative.id,
      hearingId: said.hearingId ?? null,
      opinion,
      recordedBy: principal.username,
      recordedAt: now,
    });
    await recordEvent(manager, {
      petitionId,
      kind: 'representative-opinion',
      occurredAt: now,
      unitCode: principal.unitCode,
      actor: principal.username,
      note: opinion,
      data: { representativeId: said.representative.id, name: said.representative.name, opinionId: id, hearingId: said.hearingId ?? null },
    });
    return id;
  }

  private async view(row: PublicRepresentative): Promise<RepresentativeView> {
    return {
      id: row.id,
      regionCode: row.regionCode,
      regionName: (await this.org.region(row.regionCode))?.name ?? row.regionCode,
      name: row.name,
      kind: row.kind,
      organisation: row.organisation,
      contact: maskPhone(this.cipher.decrypt(row.contactCipher)),
      // MySQL hands a freshly inserted boolean back as 1
      active: Boolean(row.active),
    };
  }
}
