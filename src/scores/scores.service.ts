import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { Principal } from '../auth/principal';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { DecisionKey, Message, ProcessKey, Var } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { periodOf } from '../clocks/deadline';
import { LocalizedHttpError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { KpisService } from '../kpis/kpis.service';
import { levelRank } from '../org/org.types';
import { OrgService } from '../org/org.service';
import { AssessmentScore } from './assessment-score.entity';
import { ranked, ScorePart, scoreOf, ScoringTableError } from './score-formula';
import { ScoringTable, ScoringTables, Tier, TIERS } from './scoring-table';

export interface ScoreRow {
  rank: number;
  regionCode: string;
  name: string;
  score: number | null;
  parts: ScorePart[];
}

export interface ScoreReport {
  period: string;
  /** Closed: the stored scores; open: computed now with the latest table, not stored. */
  closed: boolean;
  /** The scoring table version the scores were (closed) or are (open) computed with. */
  decision: { key: string; version: number };
  rows: ScoreRow[];
}

export interface CloseAnswer {
  period: string;
  /** true: the month was closed already and this is its stored version; false: the close has started. */
  closed: boolean;
  decision: { key: string; version: number } | null;
  /** The close-assessment-period instance doing the work (null when the month was closed already). */
  processInstanceId: string | null;
}

const LEVEL_ZH: Record<Tier, string> = { county: '县（区）', township: '乡镇（街道）' };

const isTier = (level: string): level is Tier => (TIERS as readonly string[]).includes(level);

const NOT_IN_REACH = (what: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `${what} 不存在或不在您的管辖范围内`, en: `${what} does not exist or is not within your reach` });

/** The month before a month (YYYY-MM). */
export function previousMonth(period: string): string {
  const [year, month] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) - 1;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * 目标管理考核 scores: each county and township scored from its KPIs of a month through the scoring
 * table (a DMN the process administrator edits). A closed month is read as stored, with the table
 * version it was closed with; an open month is computed on the fly with the latest version.
 */
@Injectable()
export class ScoresService {
  private readonly logger = new Logger(ScoresService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly access: AccessPolicy,
    private readonly kpis: KpisService,
    private readonly tables: ScoringTables,
    private readonly camunda: CamundaRestClient,
    private readonly clock: Clock,
  ) {}

  /**
   * Closes a month: pins the latest table version and scores every county and township (engine and
   * reads first, no transaction open), then stores all scores in one transaction. A month that has
   * scores already is left as it is, and a row that is there already is not written again, so a
   * redelivered task, or two closes at once, add nothing. A wrong table throws ScoringTableError.
   */
  async closePeriod(period: string): Promise<{ newlyClosed: boolean; version: number; regions: number }> {
    const before = await this.storedOf(period);
    if (before.length > 0) return { newlyClosed: false, version: before[0].decisionVersion, regions: before.length };
    const table = await this.tables.latest();
    const regions = (await this.org.regions()).filter((region) => isTier(region.level));
    const kpis = await this.kpis.kpisOfRegions(
      regions.map((region) => region.code),
      period,
      period,
    );
    const closedAt = this.clock.now();
    const rows = regions.map((region) => {
      const { score, parts } = scoreOf(table.rules[region.level as Tier]!, kpis.get(region.code)!);
      return {
        id: randomUUID(),
        period,
        regionCode: region.code,
        level: region.level,
        score,
        parts: JSON.stringify(parts),
        decisionDefinitionId: table.decisionDefinitionId,
        decisionVersion: table.version,
        closedAt,
      };
    });
    await this.tx.write((manager) => insertNew(manager, rows));
    this.logger.log(`Closed ${period}: ${rows.length} counties and townships scored with ${DecisionKey.assessmentScoring} version ${table.version}`);
    return { newlyClosed: true, version: table.version, regions: rows.length };
  }

  /** The ranking of one tier for a month, within the caller's reach. */
  async report(principal: Principal, query: { period: string; level: Tier; regionCode?: string }): Promise<ScoreReport> {
    const scope = await this.scopeOf(principal, query);
    const stored = await this.storedOf(query.period);
    let decision: ScoreReport['decision'];
    let scored: { regionCode: string; score: number | null; parts: ScorePart[] }[];
    if (stored.length > 0) {
      decision = { key: DecisionKey.assessmentScoring, version: stored[0].decisionVersion };
      scored = stored
        .filter((row) => row.level === query.level && scope.peers.has(row.regionCode))
        .map((row) => ({ regionCode: row.regionCode, score: row.score === null ? null : Number(row.score), parts: JSON.parse(row.parts) as ScorePart[] }));
    } else {
      const table = await this.latestTable([query.level]);
      const codes = [...scope.peers];
      const kpis = await this.kpis.kpisOfRegions(codes, query.period, query.period);
      decision = { key: DecisionKey.assessmentScoring, version: table.version };
      scored = codes.map((code) => ({ regionCode: code, ...scoreOf(table.rules[query.level]!, kpis.get(code)!) }));
    }
    const rows = await Promise.all(
      ranked(scored, (row) => row.regionCode)
        .filter((row) => scope.visible(row.regionCode))
        .map(async (row) => ({
          rank: row.rank,
          regionCode: row.regionCode,
          name: (await this.org.region(row.regionCode))?.name ?? row.regionCode,
          score: row.score,
          parts: row.parts,
        })),
    );
    return { period: query.period, closed: stored.length > 0, decision, rows };
  }

  /**
   * An administrator asks for a past month to be closed: the close-assessment-period process is
   * started at its message start (once: a close under way is not started again). A month closed
   * already answers with its stored version; a table the close could not use is refused before
   * anything starts.
   */
  async requestClose(principal: Principal, period: string): Promise<CloseAnswer> {
    await this.assertCloser(principal);
    if (period >= periodOf(this.clock.now())) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `只能结算已经结束的月份，${period} 尚未结束`,
        en: `Only a month that has ended can be closed; ${period} has not`,
      });
    }
    const stored = await this.storedOf(period);
    if (stored.length > 0) {
      return { period, closed: true, decision: { key: DecisionKey.assessmentScoring, version: stored[0].decisionVersion }, processInstanceId: null };
    }
    await this.latestTable();
    const running = await this.camunda.processInstancesByBusinessKey(ProcessKey.closeAssessmentPeriod, period);
    const processInstanceId = running[0]?.id ?? (await this.camunda.startByMessage(Message.closeAssessmentPeriodRequested, period, { [Var.period]: period }));
    return { period, closed: false, decision: null, processInstanceId };
  }

  /** The latest table for the API: a table that cannot be used is the administrator's to fix (409), not a server error. */
  private async latestTable(tiers?: readonly Tier[]): Promise<ScoringTable> {
    try {
      return await this.tables.latest(tiers);
    } catch (error) {
      if (error instanceof ScoringTableError) throw new LocalizedHttpError(409, error.messages);
      throw error;
    }
  }

  /** The city's supervisors, who oversee every region, and system administrators. */
  private async assertCloser(principal: Principal): Promise<void> {
    if (principal.roles.includes('system-admin')) return;
    const reach = await this.access.reach(principal);
    if (reach && 'regionCode' in reach && reach.regionCodes === null) return;
    throw new LocalizedHttpError(403, {
      'zh-CN': '结算考核月份仅限市级督查人员或系统管理员',
      en: "Closing an assessment month is for the city's supervisors and system administrators",
    });
  }

  /**
   * Whose scores the caller ranks (`peers`) and sees (`visible`). A supervisor: every region of the
   * tier within their region (their own unless one below it is named), so a county supervisor ranks
   * their townships and only the city's supervisors rank the counties. A unit head: the rank of the
   * county or township their unit lies in among its peers under the same parent, that row only.
   */
  private async scopeOf(
    principal: Principal,
    query: { level: Tier; regionCode?: string },
  ): Promise<{ peers: Set<string>; visible: (code: string) => boolean }> {
    const reach = await this.access.reach(principal);
    if (!reach) throw new LocalizedHttpError(403, { 'zh-CN': '您的账号未关联有效单位', en: 'Your account belongs to no known unit' });
    const atLevel = (await this.org.regions()).filter((region) => region.level === query.level);
    if ('regionCode' in reach) {
      const base = query.regionCode ?? reach.regionCode;
      const region = await this.org.region(base);
      if (!region || (reach.regionCodes !== null && !reach.regionCodes.includes(base))) throw NOT_IN_REACH(`区域 ${base}`);
      if (levelRank(region.level) >= levelRank(query.level)) {
        if (query.regionCode) {
          throw new LocalizedHttpError(400, {
            'zh-CN': `区域 ${base} 不高于${LEVEL_ZH[query.level]}一级，无法在其中排名${LEVEL_ZH[query.level]}`,
            en: `Region ${base} is not above the ${query.level} level, so it holds no ${query.level} ranking`,
          });
        }
        throw new LocalizedHttpError(403, {
          'zh-CN': `${LEVEL_ZH[query.level]}之间的排名仅供上级督查人员查看`,
          en: `The ranking of the ${query.level} tier is for the supervisors above it`,
        });
      }
      const within = new Set(await this.org.regionsWithin(base));
      return { peers: new Set(atLevel.filter((r) => within.has(r.code)).map((r) => r.code)), visible: () => true };
    }
    const unit = await this.org.unit(reach.unitCode);
    const own = unit ? (await this.org.regionChain(unit.regionCode)).find((r) => r.level === query.level) : undefined;
    if (!own) {
      throw new LocalizedHttpError(403, {
        'zh-CN': `您的单位不在任何${LEVEL_ZH[query.level]}之内，没有该层级的评分`,
        en: `Your unit lies in no ${query.level}, so it has no score at that tier`,
      });
    }
    if (query.regionCode && !(await this.org.isWithin(own.code, query.regionCode))) throw NOT_IN_REACH(`区域 ${query.regionCode}`);
    return {
      peers: new Set(atLevel.filter((r) => r.parentCode === own.parentCode).map((r) => r.code)),
      visible: (code) => code === own.code,
    };
  }

  private storedOf(period: string): Promise<AssessmentScore[]> {
    return this.dataSource.getRepository(AssessmentScore).find({ where: { period }, order: { regionCode: 'ASC' } });
  }
}

/**
 * Inserts the scores that are not there yet, keyed by (period, regionCode): in one order for every
 * writer, so that a second close of the same month waits on the first's first row and then adds
 * nothing, rather than mixing two table versions in one month.
 */
async function insertNew(manager: EntityManager, rows: readonly AssessmentScore[]): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(AssessmentScore);
  const driver = manager.connection.driver;
  const sqlite = driver.options.type === 'better-sqlite3';
  const names = metadata.columns.map((column) => `\`${column.databaseName}\``).join(', ');
  const onConflict = sqlite ? 'ON CONFLICT (`period`, `regionCode`) DO NOTHING' : 'ON DUPLICATE KEY UPDATE `id` = `id`';
  const ordered = [...rows].sort((a, b) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0));
  for (let i = 0; i < ordered.length; i += 200) {
    const chunk = ordered.slice(i, i + 200);
    const values = chunk.map(() => `(${metadata.columns.map(() => '?').join(', ')})`).join(', ');
    // The driver's own conversion (a Date becomes what a datetime column of this database takes).
    const parameters = chunk.flatMap((row) => metadata.columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)));
    await manager.query(`INSERT INTO \`${metadata.tableName}\` (${names}) VALUES ${values} ${onConflict}`, parameters);
  }
}
