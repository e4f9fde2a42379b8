import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { NoticeKind } from '../../camunda/process-contract';
import { isUniqueViolation } from '../../database/errors';
import { LocalizedHttpError } from '../../common/errors';
import { DEFAULT_TEMPLATES, NOTICE_VARIABLES } from '../notice-texts';
import { NoticeTemplate } from './notice-template.entity';

export const MAX_TEMPLATE_LENGTH = 2000;

export interface CurrentTemplate {
  /** 0: the wording the product ships with. */
  version: number;
  body: string;
  /** Who saved this wording and when; null for the wording the product ships with. */
  savedBy: string | null;
  savedAt: Date | null;
}

/**
 * The wording notices are written with: the latest version an administrator saved, else the
 * product's default. Checked on save, so a template can only name variables its notice has.
 */
@Injectable()
export class NoticeTemplates {
  constructor(private readonly dataSource: DataSource) {}

  async current(kind: NoticeKind, manager: EntityManager = this.dataSource.manager): Promise<CurrentTemplate> {
    const latest = await manager.findOne(NoticeTemplate, { where: { kind }, order: { version: 'DESC' } });
    return latest
      ? { version: latest.version, body: latest.body, savedBy: latest.createdBy, savedAt: latest.createdAt }
      : { version: 0, body: DEFAULT_TEMPLATES[kind], savedBy: null, savedAt: null };
  }

  versions(kind: NoticeKind): Promise<NoticeTemplate[]> {
    return this.dataSource.getRepository(NoticeTemplate).find({ where: { kind }, order: { version: 'DESC' } });
  }

  async save(kind: NoticeKind, body: string, createdBy: string, now: Date): Promise<NoticeTemplate> {
    checkTemplate(kind, body);
    const { version } = await this.current(kind);
    const row = { id: randomUUID(), kind, version: version + 1, body, createdBy, createdAt: now };
    try {
      await this.dataSource.getRepository(NoticeTemplate).insert(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new LocalizedHttpError(409, { 'zh-CN': '该模板刚被他人修改，请刷新后重试', en: 'Someone else has just changed this template; reload and try again' });
    }
    return row;
  }
}

/** A template names only its notice's variables, keeps the petition number, and is not empty or huge. */
export function checkTemplate(kind: NoticeKind, body: string): void {
  const allowed = NOTICE_VARIABLES[kind];
  const used = [...body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]);
  const unknown = used.filter((name) => !(name in allowed));
  const problem = (zh: string, en: string) => new LocalizedHttpError(400, { 'zh-CN': zh, en });
  if (!body.trim()) throw problem('模板内容不能为空', 'The template must not be empty');
  if (body.length > MAX_TEMPLATE_LENGTH) throw problem(`模板不能超过${MAX_TEMPLATE_LENGTH}个字符`, `The template must be at most ${MAX_TEMPLATE_LENGTH} characters`);
  if (unknown.length > 0) {
    const names = Object.keys(allowed).map((n) => `{{${n}}}`).join('、');
    throw problem(`模板中的变量 ${unknown.map((n) => `{{${n}}}`).join('、')} 不存在，可用的变量：${names}`, `Unknown variables ${unknown.map((n) => `{{${n}}}`).join(', ')}; available: ${names}`);
  }
  if (!used.includes('number')) throw problem('模板必须包含信访事项编号 {{number}}', 'The template must contain the petition number {{number}}');
  if (/\{\{|\}\}/.test(body.replace(/\{\{\s*[A-Za-z]+\s*\}\}/g, ''))) throw problem('模板中有不成对的 {{ 或 }}', 'The template has an unmatched {{ or }}');
}
