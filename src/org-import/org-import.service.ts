import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { USERNAME_PATTERN } from '../auth/admin/dto/user-admin.dto';
import { ADMIN_ROLES, assertRolesCompatible } from '../auth/admin/role-rules';
import { hashPassword } from '../auth/password-hasher';
import { passwordProblems } from '../auth/password-policy';
import type { Role } from '../auth/roles';
import { User } from '../auth/user.entity';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { LEVEL_NAMES } from '../org-admin/org-admin.messages';
import { kindProblems, OrgLookup, parentProblems, regionProblems, reviewingBodyProblems, unitCodeProblems } from '../org-admin/org-rules';
import { OrgService } from '../org/org.service';
import { Level, levelRank, UnitKind } from '../org/org.types';
import { Region } from '../org/region.entity';
import { Unit } from '../org/unit.entity';
import { kindOf, levelOf, rolesOf, SheetKey } from './org-import.format';
import { ImportProblem, problem, ruleProblem } from './org-import.messages';
import { ImportRow, ReadResult } from './org-import.reader';

/** Rows written per transaction: short transactions, so that a large import never holds locks for long. */
export const WRITE_BATCH = 500;
/** The report lists this many problems at most (and counts them all): enough to fix a file in rounds. */
const MAX_LISTED_PROBLEMS = 1000;
/**
 * Written into an imported account without an initial password: not an argon2 hash, so no password
 * ever verifies against it (verifyPassword answers false) until the security administrator sets one.
 */
export const NO_PASSWORD = '!no-password';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  dryRun: boolean;
  /** True when the file had no problems (and, without dryRun, was written). */
  ok: boolean;
  counts: Record<SheetKey, ImportCounts>;
  problemCount: number;
  /** The first MAX_LISTED_PROBLEMS problems, in sheet and row order. */
  problems: ImportProblem[];
  /** New accounts without an initial password: they cannot sign in until the security administrator sets one. */
  accountsWithoutPassword: number;
  /** Existing accounts whose row carried an initial password, which an import never changes. */
  passwordsIgnored: number;
}

type RegionFields = Pick<Region, 'code' | 'name' | 'level' | 'parentCode'>;
type UnitFields = Pick<Unit, 'code' | 'name' | 'kind' | 'regionCode' | 'parentUnitCode' | 'reviewingUnitCode' | 'active'>;
type UserFields = Pick<User, 'id' | 'username' | 'displayName' | 'unitCode' | 'roles' | 'active'>;

interface Plan {
  regions: { create: RegionFields[]; update: { code: string; changes: Partial<RegionFields> }[]; unchanged: number };
  units: { create: UnitFields[]; update: { code: string; changes: Partial<UnitFields> }[]; unchanged: number };
  users: {
    create: (Omit<UserFields, 'id' | 'active'> & { password: string | null })[];
    update: { id: string; username: string; changes: Partial<UserFields> }[];
    unchanged: number;
    passwordsIgnored: number;
  };
}

const alreadyRunning = () =>
  new LocalizedHttpError(409, {
    'zh-CN': '另一次组织机构导入正在进行，请等待其完成后再导入',
    en: 'Another organisation import is running; wait for it to finish',
  });

const optional = (value: string | undefined) => (value === undefined ? undefined : value || null);
const sameRoles = (a: Role[], b: Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/**
 * Imports regions, units and accounts from a workbook or CSV files. The whole file is checked
 * against the database and itself before anything is written, with the rules the administrator's
 * forms use (org-rules.ts, role-rules.ts, password-policy.ts); then the changes are written in short
 * transactions of WRITE_BATCH rows. Rows are matched by code (user name), so running the same file
 * again changes nothing, and running a corrected file updates what changed and adds what is new.
 *
 * A failure part-way (the database gone) leaves the batches before it written: that is a state the
 * import itself produces on the way, and running the same file again finishes the job.
 */
@Injectable()
export class OrgImportService {
  private readonly logger = new Logger(OrgImportService.name);
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async import(read: ReadResult, dryRun: boolean): Promise<ImportReport> {
    if (this.running) throw alreadyRunning();
    this.running = true;
    try {
      const started = Date.now();
      const { plan, problems } = await this.check(read);
      const report = this.reportOf(plan, problems, dryRun);
      if (problems.length > 0 || dryRun) return report;
      await this.write(plan);
      this.org.invalidate();
      this.logger.log(`Organisation imported in ${Date.now() - started} ms: ${JSON.stringify(report.counts)}`);
      return report;
    } finally {
      this.running = false;
    }
  }

  private reportOf(plan: Plan, problems: ImportProblem[], dryRun: boolean): ImportReport {
    const count = (p: { create: unknown[]; update: unknown[]; unchanged: number }) => ({
      created: p.create.length,
      updated: p.update.length,
      unchanged: p.unchanged,
    });
    const order = { regions: 0, units: 1, users: 2 };
    const sorted = [...problems].sort((a, b) => order[a.sheet] - order[b.sheet] || a.row - b.row);
    return {
      dryRun,
      ok: problems.length === 0,
      counts: { regions: count(plan.regions), units: count(plan.units), users: count(plan.users) },
      problemCount: problems.length,
      problems: sorted.slice(0, MAX_LISTED_PROBLEMS),
      accountsWithoutPassword: plan.users.create.filter((u) => !u.password).length,
      passwordsIgnored: plan.users.passwordsIgnored,
    };
  }

  // ---- checking ---------------------------------------------------------------------------

  private async check(read: ReadResult): Promise<{ plan: Plan; problems: ImportProblem[] }> {
    const problems = [...read.problems];
    const [regions, units, users] = await Promise.all([
      this.dataSource.getRepository(Region).find(),
      this.dataSource.getRepository(Unit).find(),
      this.dataSource.getRepository(User).find({ select: { id: true, username: true, displayName: true, unitCode: true, roles: true, active: true } }),
    ]);
    const existingRegions = new Map(regions.map((r) => [r.code, r]));
    const existingUnits = new Map(units.map((u) => [u.code, u]));
    const existingUsers = new Map(users.map((u) => [u.username, u]));

    // As the file has them (checked against the database), and as the organisation will be: an existing
    // region keeps its level and parent, an existing unit its kind and region, whatever the file says.
    const regionsInFile = new Map<string, RegionFields>();
    const unitsInFile = new Map<string, UnitFields>();
    const fileRegions = new Map<string, RegionFields>();
    const fileUnits = new Map<string, UnitFields>();
    // The organisation as it will be: the file's rows over the database's.
    const lookup: OrgLookup = {
      region: async (code) => fileRegions.get(code) ?? existingRegions.get(code) ?? null,
      unit: async (code) => fileUnits.get(code) ?? existingUnits.get(code) ?? null,
    };

    const regionRows = this.collect('regions', read.rows.regions, 'code', ['code', 'name', 'level'], problems);
    for (const { row, values } of regionRows) {
      const level = levelOf(values.level);
      if (!level) {
        problems.push(problem('regions', row, 'level', 'unknownLevel', { value: values.level }));
        continue;
      }
      const region = { code: values.code, name: values.name, level, parentCode: values.parentCode || null };
      const existing = existingRegions.get(values.code);
      regionsInFile.set(values.code, region);
      fileRegions.set(values.code, existing ? { ...existing, name: values.name } : region);
    }
    const unitRows = this.collect('units', read.rows.units, 'code', ['code', 'name', 'kind', 'regionCode'], problems);
    for (const { row, values } of unitRows) {
      const kind = kindOf(values.kind);
      if (!kind) {
        problems.push(problem('units', row, 'kind', 'unknownKind', { value: values.kind }));
        continue;
      }
      const existing = existingUnits.get(values.code);
      unitsInFile.set(values.code, {
        code: values.code,
        name: values.name,
        kind,
        regionCode: values.regionCode,
        // A column left out of the file leaves the field as it is; an empty cell clears it.
        parentUnitCode: optional(values.parentUnitCode) === undefined ? (existing?.parentUnitCode ?? null) : optional(values.parentUnitCode)!,
        reviewingUnitCode:
          optional(values.reviewingUnitCode) === undefined ? (existing?.reviewingUnitCode ?? null) : optional(values.reviewingUnitCode)!,
        active: existing?.active ?? true,
      });
      const unit = unitsInFile.get(values.code)!;
      fileUnits.set(values.code, existing ? { ...unit, kind: existing.kind, regionCode: existing.regionCode } : unit);
    }

    const plan: Plan = {
      regions: { create: [], update: [], unchanged: 0 },
      units: { create: [], update: [], unchanged: 0 },
      users: { create: [], update: [], unchanged: 0, passwordsIgnored: 0 },
    };
    const regionRowByCode = new Map(regionRows.map((r) => [r.values.code, r.row]));
    const unitRowByCode = new Map(unitRows.map((r) => [r.values.code, r.row]));

    for (const region of regionsInFile.values()) {
      const row = regionRowByCode.get(region.code)!;
      const existing = existingRegions.get(region.code);
      if (existing) {
        const found = regionChangeProblems(existing, region, row);
        if (found.length > 0) problems.push(...found);
        else if (existing.name !== region.name) plan.regions.update.push({ code: region.code, changes: { name: region.name } });
        else plan.regions.unchanged++;
        continue;
      }
      const found = regionProblems(region, region.parentCode, await lookup.region(region.parentCode ?? ''));
      problems.push(...found.map((p) => ruleProblem('regions', row, p)));
      plan.regions.create.push(region);
    }

    for (const unit of unitsInFile.values()) {
      const row = unitRowByCode.get(unit.code)!;
      const existing = existingUnits.get(unit.code);
      const found = await this.unitProblems(lookup, unit, existing, row);
      problems.push(...found);
      if (!existing) plan.units.create.push(unit);
      else {
        const changes: Partial<UnitFields> = {};
        if (existing.name !== unit.name) changes.name = unit.name;
        if (existing.parentUnitCode !== unit.parentUnitCode) changes.parentUnitCode = unit.parentUnitCode;
        if (existing.reviewingUnitCode !== unit.reviewingUnitCode) changes.reviewingUnitCode = unit.reviewingUnitCode;
        if (Object.keys(changes).length > 0) plan.units.update.push({ code: unit.code, changes });
        else plan.units.unchanged++;
      }
    }

    const userRows = this.collect('users', read.rows.users, 'username', ['username', 'displayName', 'unitCode'], problems);
    for (const { row, values } of userRows) {
      const found = this.userProblems(values, row, existingUsers.get(values.username), await lookup.unit(values.unitCode));
      problems.push(...found.problems);
      if (found.problems.length > 0) continue;
      const existing = existingUsers.get(values.username);
      if (!existing) {
        plan.users.create.push({
          username: values.username,
          displayName: values.displayName,
          unitCode: values.unitCode,
          roles: found.roles ?? [],
          password: values.initialPassword || null,
        });
        continue;
      }
      if (values.initialPassword) plan.users.passwordsIgnored++;
      const changes: Partial<UserFields> = {};
      if (existing.displayName !== values.displayName) changes.displayName = values.displayName;
      if (existing.unitCode !== values.unitCode) changes.unitCode = values.unitCode;
      // An empty roles cell leaves an account's roles as the security administrator set them.
      if (found.roles && found.roles.length > 0 && !sameRoles(existing.roles, found.roles)) changes.roles = found.roles;
      if (Object.keys(changes).length > 0) plan.users.update.push({ id: existing.id, username: existing.username, changes });
      else plan.users.unchanged++;
    }
    return { plan, problems };
  }

  /** The rows that have their required values and a code not seen before in the file. */
  private collect(sheet: SheetKey, rows: ImportRow[], codeKey: string, required: string[], problems: ImportProblem[]): ImportRow[] {
    const first = new Map<string, number>();
    const kept: ImportRow[] = [];
    for (const row of rows) {
      const missing = required.filter((key) => !row.values[key]);
      for (const key of missing) if (!row.reported?.includes(key)) problems.push(problem(sheet, row.row, key, 'required'));
      if (missing.length > 0) continue;
      const code = row.values[codeKey];
      const earlier = first.get(code);
      if (earlier !== undefined) {
        problems.push(problem(sheet, row.row, codeKey, 'duplicateCode', { value: code, firstRow: earlier }));
        continue;
      }
      first.set(code, row.row);
      kept.push(row);
    }
    return kept;
  }

  private async unitProblems(lookup: OrgLookup, unit: UnitFields, existing: Unit | undefined, row: number): Promise<ImportProblem[]> {
    const found: ImportProblem[] = [];
    if (existing) {
      if (!existing.active) return [problem('units', row, 'code', 'unitClosed', { value: unit.code })];
      if (existing.kind !== unit.kind) found.push(problem('units', row, 'kind', 'unitFixedChanged', { value: unit.code, current: existing.kind }));
      if (existing.regionCode !== unit.regionCode) {
        found.push(problem('units', row, 'regionCode', 'unitFixedChanged', { value: unit.code, current: existing.regionCode }));
      }
      if (found.length > 0) return found;
    } else {
      const region = await lookup.region(unit.regionCode);
      if (!region) return [ruleProblem('units', row, { field: 'regionCode', code: 'unknownRegion', params: { value: unit.regionCode } })];
      found.push(...unitCodeProblems(unit.code, region.code).map((p) => ruleProblem('units', row, p)));
      found.push(...kindProblems(unit.kind as UnitKind, region).map((p) => ruleProblem('units', row, p)));
    }
    if (!existing || existing.parentUnitCode !== unit.parentUnitCode) {
      found.push(...(await parentProblems(lookup, unit, unit.parentUnitCode)).map((p) => ruleProblem('units', row, p)));
    }
    if (!existing || existing.reviewingUnitCode !== unit.reviewingUnitCode) {
      found.push(...(await reviewingBodyProblems(lookup, unit, unit.reviewingUnitCode)).map((p) => ruleProblem('units', row, p)));
    }
    return found;
  }

  private userProblems(
    values: Record<string, string>,
    row: number,
    existing: UserFields | undefined,
    unit: { active: boolean } | null,
  ): { problems: ImportProblem[]; roles?: Role[] } {
    const problems: ImportProblem[] = [];
    if (!USERNAME_PATTERN.test(values.username)) problems.push(problem('users', row, 'username', 'usernameFormat', { value: values.username }));
    if (existing?.roles.some((r) => ADMIN_ROLES.includes(r))) {
      return { problems: [...problems, problem('users', row, 'username', 'adminAccountByImport', { value: values.username })] };
    }
    if (!unit?.active) problems.push(problem('users', row, 'unitCode', 'unknownUnit', { value: values.unitCode }));
    let roles: Role[] | undefined;
    if (values.roles) {
      const parsed = rolesOf(values.roles);
      if (parsed.unknown.length > 0) problems.push(problem('users', row, 'roles', 'unknownRoles', { value: parsed.unknown.join('、') }));
      else {
        try {
          assertRolesCompatible(parsed.roles);
          if (parsed.roles.some((r) => ADMIN_ROLES.includes(r))) problems.push(problem('users', row, 'roles', 'adminRoleByImport'));
          else roles = parsed.roles;
        } catch (error) {
          if (!(error instanceof LocalizedHttpError)) throw error;
          problems.push(problem('users', row, 'roles', 'rolesIncompatible', { zh: error.messages['zh-CN'], en: error.messages.en }));
        }
      }
    }
    if (!existing && values.initialPassword) {
      const weak = passwordProblems(values.initialPassword, values.username);
      if (weak) problems.push(problem('users', row, 'initialPassword', 'weakPassword', { zh: weak['zh-CN'], en: weak.en }));
    }
    return { problems, roles };
  }

  // ---- writing ----------------------------------------------------------------------------

  private async write(plan: Plan): Promise<void> {
    const now = this.clock.now();
    // Hashed before any transaction opens: argon2 takes tens of milliseconds per password.
    const users: User[] = [];
    for (let i = 0; i < plan.users.create.length; i += 16) {
      const chunk = plan.users.create.slice(i, i + 16);
      const hashes = await Promise.all(chunk.map((u) => (u.password ? hashPassword(u.password) : NO_PASSWORD)));
      chunk.forEach((u, j) =>
        users.push({
          id: randomUUID(),
          username: u.username,
          displayName: u.displayName,
          unitCode: u.unitCode,
          roles: u.roles,
          passwordHash: hashes[j],
          active: true,
          createdAt: now,
          failedSignIns: 0,
          lockedUntil: null,
          passwordChangedAt: u.password ? now : null,
        }),
      );
    }
    // Parents before children, so that a reader between two batches never sees a unit whose parent is missing.
    const regions = [...plan.regions.create].sort((a, b) => levelRank(a.level as Level) - levelRank(b.level as Level));
    const depth = new Map<string, number>();
    const creating = new Map(plan.units.create.map((u) => [u.code, u]));
    const depthOf = (code: string, guard = 0): number => {
      if (depth.has(code)) return depth.get(code)!;
      const parent = creating.get(code)?.parentUnitCode;
      const d = parent && creating.has(parent) && guard < 64 ? depthOf(parent, guard + 1) + 1 : 0;
      depth.set(code, d);
      return d;
    };
    const units = [...plan.units.create].sort((a, b) => depthOf(a.code) - depthOf(b.code));

    type Step = (manager: EntityManager) => Promise<void>;
    const steps: { sheet: SheetKey; kind: 'created' | 'updated'; rows: number; run: Step }[] = [];
    for (let i = 0; i < regions.length; i += WRITE_BATCH) {
      const chunk = regions.slice(i, i + WRITE_BATCH);
      steps.push({ sheet: 'regions', kind: 'created', rows: chunk.length, run: (m) => m.insert(Region, chunk).then(() => undefined) });
    }
    for (const { code, changes } of plan.regions.update) steps.push({ sheet: 'regions', kind: 'updated', rows: 1, run: (m) => m.update(Region, { code }, changes).then(() => undefined) });
    for (let i = 0; i < units.length; i += WRITE_BATCH) {
      const chunk = units.slice(i, i + WRITE_BATCH).map((u) => ({ ...u, successorCode: null }));
      steps.push({ sheet: 'units', kind: 'created', rows: chunk.length, run: (m) => m.insert(Unit, chunk).then(() => undefined) });
    }
    for (const { code, changes } of plan.units.update) steps.push({ sheet: 'units', kind: 'updated', rows: 1, run: (m) => m.update(Unit, { code }, changes).then(() => undefined) });
    for (let i = 0; i < users.length; i += WRITE_BATCH) {
      const chunk = users.slice(i, i + WRITE_BATCH);
      steps.push({ sheet: 'users', kind: 'created', rows: chunk.length, run: (m) => m.insert(User, chunk).then(() => undefined) });
    }
    for (const { id, changes } of plan.users.update) steps.push({ sheet: 'users', kind: 'updated', rows: 1, run: (m) => m.update(User, { id }, changes).then(() => undefined) });

    // A bulk insert counts as WRITE_BATCH rows, an update as one: each transaction writes at most about WRITE_BATCH rows.
    let batch = 0;
    for (let i = 0; i < steps.length; ) {
      const group: typeof steps = [];
      let weight = 0;
      while (i < steps.length && weight < WRITE_BATCH) {
        weight += steps[i].kind === 'created' ? WRITE_BATCH : 1;
        group.push(steps[i++]);
      }
      batch++;
      const tally: Record<string, number> = {};
      await this.tx.write(async (manager) => {
        for (const step of group) {
          await step.run(manager);
          tally[`${step.sheet}.${step.kind}`] = (tally[`${step.sheet}.${step.kind}`] ?? 0) + step.rows;
        }
        // Each batch carries its own audit entry, committed with it: what the log says was written, was.
        await this.audit.recordRequest(manager, { detail: { batch, rows: tally } });
      });
    }
  }
}

function regionChangeProblems(existing: Region, region: RegionFields, row: number): ImportProblem[] {
  if (existing.level !== region.level) {
    const current = LEVEL_NAMES[existing.level];
    return [problem('regions', row, 'level', 'levelChanged', { value: region.code, current: current['zh-CN'], currentEn: current.en })];
  }
  if ((existing.parentCode ?? null) !== region.parentCode) {
    return [problem('regions', row, 'parentCode', 'regionParentChanged', { value: region.code, current: existing.parentCode ?? '—' })];
  }
  return [];
}

