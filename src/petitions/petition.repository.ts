import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, FindOptionsWhere, In, IsNull, LessThan, MoreThan, Not, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RecordsPending } from '../common/outage';
import { TaskCompletion } from './lifecycle/task-completion.entity';
import { PetitionEvent } from './petition-event.entity';
import { OPEN } from './lifecycle/transitions';
import { Petition } from './petition.entity';
import { Petitioner } from './petitioner.entity';
import type { PetitionStatus } from './petition.types';
import { scopedQuery, searchTokens, tokenScope } from '../common/search-tokens';

/**
 * The petition table, read and written through one class. Reads are for anyone `petitions`
 * exports it to; the writes are the intake's (a new petition), the process starter's (its
 * instance id) and the lifecycle's (everything else) — no other code changes a petition row.
 */
/**
 * A keyword search counts its matches up to this many ("200+"): counting is reading rows until the cap,
 * and at a million petitions a word in one row of 40 took 0.5 s to count to 1000 (bench:search). Ten
 * pages of twenty are more than anyone reads before narrowing the search.
 */
export const SEARCH_COUNT_CAP = 200;
/**
 * How long a keyword search asks the FULLTEXT index before it reads the rows in order (firstAnswer).
 * InnoDB reads every listed row of every word: 0.6 s for a word in one petition of ten at 200,000.
 */
const INDEX_SECONDS = 0.1;
/** The count in order stops here; the answer is then "at least" what the pages so far hold. */
const COUNT_SCAN_SECONDS = 0.5;

type Sql = [string, unknown[]];

/** The count of a search's rows, stopping at one past the cap. */
function capped(qb: SelectQueryBuilder<Petition>): Sql {
  const [sql, parameters] = qb.clone().select('1', 'one').limit(SEARCH_COUNT_CAP + 1).getQueryAndParameters();
  return [`SELECT COUNT(*) AS n FROM (${sql}) counted`, parameters];
}

/**
 * MariaDB's answers to a statement cut off by max_statement_time: ER_STATEMENT_TIMEOUT, or, when InnoDB
 * was reading a FULLTEXT index at that moment, the storage engine's own "aborted" (HA_ERR_ABORTED_BY_USER).
 */
function isStatementTimeout(e: unknown): boolean {
  const error = e as { errno?: number; driverError?: { errno?: number } };
  return [1969, 188].includes(error.driverError?.errno ?? error.errno ?? 0);
}

@Injectable()
export class PetitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** For reads outside a transaction by the petition's own rules (lifecycle/request-window.ts). */
  readManager(): EntityManager {
    return this.dataSource.manager;
  }

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * The petition as a worker acts on it: its records must have caught up with its process. Right after
   * a task completion the engine runs the next steps while the step's records are still being written
   * (TaskCompletion); a worker that would read the petition then fails transiently and is run again.
   */
  async requireSettled(manager: EntityManager, id: string): Promise<Petition> {
    if (await manager.existsBy(TaskCompletion, { petitionId: id })) throw new RecordsPending(id);
    return this.require(manager, id);
  }

  find(id: string, manager?: EntityManager): Promise<Petition | null> {
    return this.manager(manager).findOneBy(Petition, { id });
  }

  /** The petition a process or a task refers to; its absence is a failure worth an incident. */
  async require(manager: EntityManager | undefined, id: string): Promise<Petition> {
    const petition = await this.find(id, manager);
    if (!petition) throw new Error(`Petition ${id} does not exist`);
    return petition;
  }

  /**
   * The row, locked until the transaction ends on MySQL/MariaDB, so that two changes of one petition
   * take turns (SQLite's writes take turns anyway, see Transactions).
   */
  async lockForUpdate(manager: EntityManager, id: string): Promise<Petition> {
    const petition =
      manager.connection.options.type === 'better-sqlite3'
        ? await manager.findOneBy(Petition, { id })
        : await manager.findOne(Petition, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!petition) throw new Error(`Petition ${id} does not exist`);
    return petition;
  }

  /**
   * Locks the petition's row until the transaction ends without reading it, for writers of rows
   * derived from the petition that must take turns (SQLite's writes take turns anyway). A petition
   * that does not exist locks nothing.
   */
  async lockRow(manager: EntityManager, id: string): Promise<void> {
    if (manager.connection.options.type !== 'better-sqlite3') await manager.query('SELECT id FROM petition WHERE id = ? FOR UPDATE', [id]);
  }

  async byIds(ids: string[]): Promise<Map<string, Petition>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.findBy(Petition, { id: In(ids) });
    return new Map(rows.map((p) => [p.id, p]));
  }

  async idOfNumber(number: string): Promise<string | undefined> {
    return (await this.dataSource.manager.findOne(Petition, { select: { id: true }, where: { number } }))?.id;
  }

  byNumber(number: string): Promise<Petition | null> {
    return this.dataSource.manager.findOneBy(Petition, { number });
  }

  /** Received before `before` and waiting for a process: none started yet, or one the engine may have lost. */
  awaitingProcess(started: boolean, before: Date, take: number): Promise<Petition[]> {
    return this.dataSource.manager.find(Petition, {
      where: { status: 'received', processInstanceId: started ? Not(IsNull()) : IsNull(), receivedAt: LessThan(before) },
      take,
    });
  }

  /**
   * Petitions received since `since` whose process runs and has not yet brought them to a unit:
   * registration and routing are still ahead (the intake's pacing waits on this).
   */
  countInPipeline(since: Date): Promise<number> {
    return this.dataSource.manager.countBy(Petition, {
      status: In(['received', 'registered'] satisfies PetitionStatus[]),
      processInstanceId: Not(IsNull()),
      receivedAt: MoreThan(since),
    });
  }

  /**
   * The latest petition of one of these petitioners (by ID-number hash): the one whose number is
   * given, or else one of the same matter (category, region and subject, as `matterKey`).
   */
  sameMatter(idHashes: string[], match: { number: string } | { matterKey: string }): Promise<Petition | null> {
    const samePerson = this.dataSource.manager
      .createQueryBuilder(Petition, 'p')
      .innerJoin(Petitioner, 'pp', 'pp.petitionId = p.id')
      .where('pp.idNumberHash IN (:...idHashes)', { idHashes });
    if ('number' in match) return samePerson.andWhere('p.number = :number', match).getOne();
    return samePerson.andWhere('p.matterKey = :matterKey', match).orderBy('p.receivedAt', 'DESC').getOne();
  }

  /**
   * A page of the petitions a caller may see (the scope AccessPolicy gives) that meet a case search
   * (卷宗检索), in the order asked (newest first by default): those its unit received, registered, holds
   * or held, and for supervisors those of their region and below. Each row comes with the nearest
   * deadline of its open steps (open_task) and the name of its first petitioner.
   */
  async search(
    scope: { unitCode: string; username: string; regionCodes: string[] },
    filter: PetitionSearchFilter,
    page: { firstResult: number; maxResults: number; sort?: PetitionSearchSort },
  ): Promise<{ rows: PetitionSearchRow[]; total: number; totalCapped: boolean }> {
    const params = { unit: scope.unitCode, user: scope.username };
    const qb = this.dataSource.manager.createQueryBuilder(Petition, 'p').where(
      new Brackets((visible) => {
        visible
          .where('p.receivingUnitCode = :unit', params)
          .orWhere('p.registeredBy = :user', params)
          .orWhere('p.competentUnitCode = :unit', params)
          .orWhere('EXISTS (SELECT 1 FROM hand_over h WHERE h.petitionId = p.id AND (h.toUnitCode = :unit OR h.fromUnitCode = :unit))', params);
        if (scope.regionCodes.length > 0) visible.orWhere('p.regionCode IN (:...regions)', { regions: scope.regionCodes });
      }),
    );
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.category) qb.andWhere('p.category = :category', { category: filter.category });
    if (filter.channel) qb.andWhere('p.channel = :channel', { channel: filter.channel });
    if (filter.tier) qb.andWhere('p.entryLevel = :tier', { tier: filter.tier });
    if (filter.unitCode) qb.andWhere('p.competentUnitCode = :competent', { competent: filter.unitCode });
    if (filter.number) qb.andWhere('p.number = :number', { number: filter.number });
    if (filter.receivedFrom) qb.andWhere('p.receivedAt >= :receivedFrom', { receivedFrom: filter.receivedFrom });
    if (filter.receivedBefore) qb.andWhere('p.receivedAt < :receivedBefore', { receivedBefore: filter.receivedBefore });
    if (filter.repeat !== undefined) qb.andWhere(filter.repeat ? 'p.repeatOfId IS NOT NULL' : 'p.repeatOfId IS NULL');
    if (filter.collective !== undefined) qb.andWhere('p.collective = :collective', { collective: filter.collective });
    if (filter.levelSkip !== undefined) qb.andWhere('p.levelSkip = :levelSkip', { levelSkip: filter.levelSkip });
    if (filter.overdueAt) {
      const overdue = 'EXISTS (SELECT 1 FROM open_task ot WHERE ot.petitionId = p.id AND ot.due < :overdueAt)';
      qb.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { overdueAt: filter.overdueAt });
    }
    filter.words?.forEach((word, i) => {
      // Any part of the number, or the subject/content where the caller may read them: an accusation's
      // text only for the discipline inspection unit handling it (AccessPolicy.canReadContent).
      const like = `%${word.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      const readable = filter.accusationContentUnit
        ? `(p.category <> 'accusation' OR p.competentUnitCode = :contentUnit)`
        : `p.category <> 'accusation'`;
      qb.andWhere(
        `(UPPER(p.number) LIKE UPPER(:w${i}) ESCAPE '!' OR (${readable} AND (p.subject LIKE :w${i} ESCAPE '!' OR p.content LIKE :w${i} ESCAPE '!')))`,
        { [`w${i}`]: like, contentUnit: filter.accusationContentUnit },
      );
    });
    if (filter.petitioner) {
      // Blind index only (petitioner.nameHash, idNumberHash): no name or ID number is read or decrypted.
      const { nameHash, idNumberHash, reach } = filter.petitioner;
      const conditions = [
        ...(nameHash ? ['pp.nameHash = :nameHash'] : []),
        ...(idNumberHash ? ['pp.idNumberHash = :idNumberHash'] : []),
      ];
      qb.andWhere(`EXISTS (SELECT 1 FROM petitioner pp WHERE pp.petitionId = p.id AND ${conditions.join(' AND ')})`, { nameHash, idNumberHash });
      // Only cases whose petitioners the caller sees in clear (AccessPolicy.personalDataReach).
      qb.andWhere(
        new Brackets((clear) => {
          clear.where('1 = 0');
          if (reach.registeredBy) clear.orWhere('p.registeredBy = :clearUser', { clearUser: reach.registeredBy });
          if (reach.receivingUnitCode) clear.orWhere('p.receivingUnitCode = :clearReceiving', { clearReceiving: reach.receivingUnitCode });
          if (reach.competentUnitCode) clear.orWhere('p.competentUnitCode = :clearCompetent', { clearCompetent: reach.competentUnitCode });
        }),
      );
    }
    // MariaDB: the FULLTEXT index of the search tokens finds the candidate rows of a keyword search;
    // the LIKE conditions above decide. Common words are faster found by reading the newest rows.
    const indexed = filter.words?.length && this.dataSource.options.type !== 'better-sqlite3' ? this.tokenCandidates(qb, scope, filter) : null;
    const sort = page.sort ?? '-receivedAt';
    if (indexed) {
      const newestFirst = sort === '-receivedAt' || sort === 'receivedAt';
      const ids = (scanned: SelectQueryBuilder<Petition>) =>
        scanned
          .clone()
          .select('p.id', 'id')
          .orderBy('p.receivedAt', sort === 'receivedAt' ? 'ASC' : 'DESC')
          .addOrderBy('p.id', sort === 'receivedAt' ? 'ASC' : 'DESC')
          .offset(page.firstResult)
          .limit(page.maxResults)
          .getQueryAndParameters();
      const [pageIds, counted] = await Promise.all([
        newestFirst ? this.firstAnswer(ids(qb), ids(indexed), INDEX_SECONDS).then((r) => (r ?? []).map((row) => String(row.id))) : null,
        this.firstAnswer(capped(qb), capped(indexed), INDEX_SECONDS, COUNT_SCAN_SECONDS).then((r) => (r ? Number(r[0]?.n ?? 0) : null)),
      ]);
      const rows = pageIds
        ? await this.byIds(pageIds).then((byId) => pageIds.flatMap((id) => byId.get(id) ?? []))
        : await this.ordered(indexed, sort).offset(page.firstResult).limit(page.maxResults).getMany();
      // A count cut off: a page not full is the last one, so the total is known; a full one says "at least".
      const capping =
        counted === null
          ? { total: page.firstResult + rows.length, totalCapped: rows.length === page.maxResults }
          : { total: Math.min(counted, SEARCH_COUNT_CAP), totalCapped: counted > SEARCH_COUNT_CAP };
      return { ...(await this.searchRows(rows)), ...capping };
    }
    // Counted while the page is read: on MariaDB each takes its own pooled connection.
    const counted = qb.clone().getCount();
    const [rows, total] = await Promise.all([this.ordered(qb, sort).offset(page.firstResult).limit(page.maxResults).getMany(), counted]);
    return { ...(await this.searchRows(rows)), total, totalCapped: false };
  }

  /**
   * The search narrowed to the rows the token index names. Supervisors ask it for their region's
   * counties only; what lies outside them but is theirs all the same — received, registered, held or
   * handed over by their own unit or themselves — is added through its own keys. Everyone else asks it
   * for every county (filter.tokenScopes).
   */
  private tokenCandidates(
    qb: SelectQueryBuilder<Petition>,
    scope: { unitCode: string; username: string; regionCodes: string[] },
    filter: PetitionSearchFilter,
  ): SelectQueryBuilder<Petition> {
    const regional = scope.regionCodes.length > 0;
    const scopes = regional ? [...new Set(scope.regionCodes.map(tokenScope))] : (filter.tokenScopes ?? []);
    const tokens = scopedQuery(filter.words ?? [], scopes, !!filter.accusationContentUnit);
    if (!regional) return qb.clone().andWhere('MATCH(p.searchTokens) AGAINST (:tokens IN BOOLEAN MODE)', { tokens });
    const outside = 'o.regionCode NOT IN (:...outsideRegions)';
    const candidates = [
      'SELECT t.id FROM petition t WHERE MATCH(t.searchTokens) AGAINST (:tokens IN BOOLEAN MODE)',
      `SELECT o.id FROM petition o WHERE o.receivingUnitCode = :candidateUnit AND ${outside}`,
      `SELECT o.id FROM petition o WHERE o.competentUnitCode = :candidateUnit AND ${outside}`,
      `SELECT o.id FROM petition o WHERE o.registeredBy = :candidateUser AND ${outside}`,
      `SELECT h.petitionId FROM hand_over h INNER JOIN petition o ON o.id = h.petitionId WHERE h.toUnitCode = :candidateUnit AND ${outside}`,
      `SELECT h.petitionId FROM hand_over h INNER JOIN petition o ON o.id = h.petitionId WHERE h.fromUnitCode = :candidateUnit AND ${outside}`,
    ].join(' UNION ');
    return qb
      .clone()
      .innerJoin(`(${candidates})`, 'candidate', 'candidate.id = p.id')
      .setParameters({ tokens, candidateUnit: scope.unitCode, candidateUser: scope.username, outsideRegions: scope.regionCodes });
  }

  /** The search's order, the petition's id breaking ties so that pages never overlap. */
  private ordered(qb: SelectQueryBuilder<Petition>, sort: PetitionSearchSort): SelectQueryBuilder<Petition> {
    const due = '(SELECT MIN(t.due) FROM open_task t WHERE t.petitionId = p.id)';
    if (sort === 'due' || sort === '-due') {
      // Petitions without an open deadline last, either way.
      qb.addSelect(`CASE WHEN ${due} IS NULL THEN 1 ELSE 0 END`, 'p_due_missing').addSelect(due, 'p_due_sort');
      qb.orderBy('p_due_missing', 'ASC').addOrderBy('p_due_sort', sort === 'due' ? 'ASC' : 'DESC').addOrderBy('p.receivedAt', 'DESC');
    } else if (sort === 'number') {
      qb.orderBy('p.number', 'ASC');
    } else {
      // Both in one direction, so that IDX_petition_received_id gives the order without sorting.
      return qb.orderBy('p.receivedAt', sort === 'receivedAt' ? 'ASC' : 'DESC').addOrderBy('p.id', sort === 'receivedAt' ? 'ASC' : 'DESC');
    }
    return qb.addOrderBy('p.id', 'ASC');
  }

  /**
   * A keyword search's answer on MariaDB, by whichever way gets it quickly: the FULLTEXT index is quick
   * for rare words (a number's piece, a name of a place) and slow for common ones, whose long lists of
   * rows it reads whole; so it is cut off after `indexSeconds`, and then the caller's rows are read in
   * order instead, which stops as soon as a page (or the capped count) is full — quick for common words.
   * With `scanSeconds` that reading is cut off too, and the answer is null: a word common in the index
   * but rare among the caller's rows (a piece of a number made of zeros) would otherwise read them all.
   */
  private async firstAnswer(
    [scanSql, scanParameters]: Sql,
    [indexedSql, indexedParameters]: Sql,
    indexSeconds: number,
    scanSeconds?: number,
  ): Promise<Record<string, unknown>[] | null> {
    try {
      return await this.dataSource.query(`SET STATEMENT max_statement_time=${indexSeconds} FOR ${indexedSql}`, indexedParameters);
    } catch (e) {
      if (!isStatementTimeout(e)) throw e;
    }
    if (scanSeconds === undefined) return this.dataSource.query(scanSql, scanParameters);
    try {
      return await this.dataSource.query(`SET STATEMENT max_statement_time=${scanSeconds} FOR ${scanSql}`, scanParameters);
    } catch (e) {
      if (!isStatementTimeout(e)) throw e;
      return null;
    }
  }

  private async searchRows(rows: Petition[]): Promise<{ rows: PetitionSearchRow[] }> {
    if (rows.length === 0) return { rows: [] };
    const ids = rows.map((p) => p.id);
    const [dues, firsts] = await Promise.all([
      this.dataSource.manager
        .createQueryBuilder()
        .select('t.petitionId', 'petitionId')
        .addSelect('MIN(t.due)', 'due')
        .from('open_task', 't')
        .where('t.petitionId IN (:...ids)', { ids })
        .andWhere('t.due IS NOT NULL')
        .groupBy('t.petitionId')
        .getRawMany<{ petitionId: string; due: Date | string | null }>(),
      this.dataSource.manager.find(Petitioner, { select: { petitionId: true, name: true }, where: { petitionId: In(ids), position: 0 } }),
    ]);
    const dueOf = new Map(dues.map((d) => [d.petitionId, d.due === null ? null : toDate(d.due)]));
    const nameOf = new Map(firsts.map((f) => [f.petitionId, f.name]));
    return { rows: rows.map((petition) => ({ petition, due: dueOf.get(petition.id) ?? null, firstPetitionerName: nameOf.get(petition.id) ?? null })) };
  }

  /** The open petitions a unit holds: a closed or concluded one keeps the unit that handled it, on record. */
  idsHeldBy(manager: EntityManager, unitCode: string): Promise<string[]> {
    return manager
      .find(Petition, { select: { id: true }, where: { competentUnitCode: unitCode, status: In([...OPEN]) } })
      .then((rows) => rows.map((r) => r.id));
  }

  /**
   * A read-only query over the petition table (alias `p`), for a list that picks its own conditions
   * and order (the public board, public-board/). Writes stay with the methods below.
   */
  selectQuery(): SelectQueryBuilder<Petition> {
    return this.dataSource.manager.createQueryBuilder(Petition, 'p');
  }

  withStatus(status: PetitionStatus): Promise<Petition[]> {
    return this.dataSource.manager.findBy(Petition, { status });
  }

  hasTimelineEntry(manager: EntityManager, idempotencyKey: string): Promise<boolean> {
    return manager.existsBy(PetitionEvent, { idempotencyKey });
  }

  // ---- writes: the intake, the process starter and the lifecycle only ----

  async insert(manager: EntityManager, petition: Petition): Promise<void> {
    // Number, subject and content do not change after registration: their search tokens are written once.
    await manager.insert(Petition, { ...petition, searchTokens: searchTokens(petition) });
  }

  /** Sets the process instance only where the row still has `expected` (null: none yet): a start or a restart happens once. */
  async setProcessInstance(id: string, expected: string | null, instanceId: string | null): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      Petition,
      { id, processInstanceId: expected === null ? IsNull() : expected },
      { processInstanceId: instanceId },
    );
    return (result.affected ?? 0) > 0;
  }

  async update(manager: EntityManager, id: string, columns: QueryDeepPartialEntity<Petition>): Promise<void> {
    await manager.update(Petition, { id }, columns);
  }

  async updateWhere(manager: EntityManager, where: FindOptionsWhere<Petition>, columns: QueryDeepPartialEntity<Petition>): Promise<void> {
    await manager.update(Petition, where, columns);
  }
}

export type PetitionSearchSort = '-receivedAt' | 'receivedAt' | 'due' | '-due' | 'number';

export interface PetitionSearchFilter {
  status?: string;
  category?: string;
  channel?: string;
  /** Entry level. */
  tier?: string;
  /** Current competent unit. */
  unitCode?: string;
  /** Exact number. */
  number?: string;
  /** Keyword words, each to be found in the number, subject or content. */
  words?: string[];
  /** Where the caller reads accusation content (AccessPolicy.accusationContentUnit). */
  accusationContentUnit?: string | null;
  /** The token scopes (counties, tokenScope) of the whole organisation: a keyword search's by anyone but a supervisor. */
  tokenScopes?: string[];
  petitioner?: {
    nameHash?: string;
    idNumberHash?: string;
    reach: { registeredBy?: string; receivingUnitCode?: string; competentUnitCode?: string };
  };
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** With `overdueAt`: only petitions with (true) or without (false) an open step due before it. */
  overdue?: boolean;
  overdueAt?: Date;
  repeat?: boolean;
  collective?: boolean;
  levelSkip?: boolean;
}

export interface PetitionSearchRow {
  petition: Petition;
  /** The nearest deadline of its open steps. */
  due: Date | null;
  firstPetitionerName: string | null;
}

/** A datetime as the driver returns it from a raw select: a Date (mysql2) or text in UTC (SQLite). */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
