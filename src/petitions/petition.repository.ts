import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, FindOptionsWhere, In, IsNull, LessThan, Not, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RecordsPending } from '../common/outage';
import { TaskCompletion } from './lifecycle/task-completion.entity';
import { PetitionEvent } from './petition-event.entity';
import { OPEN } from './lifecycle/transitions';
import { Petition } from './petition.entity';
import { Petitioner } from './petitioner.entity';
import type { PetitionStatus } from './petition.types';

/**
 * The petition table, read and written through one class. Reads are for anyone `petitions`
 * exports it to; the writes are the intake's (a new petition), the process starter's (its
 * instance id) and the lifecycle's (everything else) — no other code changes a petition row.
 */
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

  async byIds(ids: string[]): Promise<Map<string, Petition>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.findBy(Petition, { id: In(ids) });
    return new Map(rows.map((p) => [p.id, p]));
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
   * A page of the petitions a caller may see (the scope AccessPolicy gives), newest first: those its
   * unit received, registered, holds or held, and for supervisors those of their region and below.
   */
  async search(
    scope: { unitCode: string; username: string; regionCodes: string[] },
    filter: { status?: string; category?: string; number?: string },
    page: { firstResult: number; maxResults: number },
  ): Promise<{ rows: Petition[]; total: number }> {
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
    if (filter.number) qb.andWhere('p.number = :number', { number: filter.number });
    const [rows, total] = await qb.orderBy('p.receivedAt', 'DESC').skip(page.firstResult).take(page.maxResults).getManyAndCount();
    return { rows, total };
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
    await manager.insert(Petition, petition);
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
