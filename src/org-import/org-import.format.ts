import { ROLE_NAMES_ZH, ROLES, Role } from '../auth/roles';
import { KIND_NAMES, LEVEL_NAMES } from '../org-admin/org-admin.messages';
import { LEVELS, Level, UNIT_KINDS, UnitKind } from '../org/org.types';

/**
 * The organisation import's file format, once: the template, the reader and the README describe the
 * same sheets and columns. A workbook has one sheet per kind of row (regions, units, users); as CSV,
 * one file per kind. The first row names the columns, in Chinese with the key in brackets
 * ("区划代码 (code)"), or by either alone; the order of the columns does not matter.
 */
export type SheetKey = 'regions' | 'units' | 'users';
export const SHEET_KEYS: SheetKey[] = ['regions', 'units', 'users'];

export interface ColumnSpec {
  key: string;
  label: string;
  required: boolean;
  maxLength: number;
  /** What the template's notes sheet says about the column. */
  note: string;
}

export interface SheetSpec {
  key: SheetKey;
  label: string;
  columns: ColumnSpec[];
}

export const SHEETS: Record<SheetKey, SheetSpec> = {
  regions: {
    key: 'regions',
    label: '区划',
    columns: [
      { key: 'code', label: '区划代码', required: true, maxLength: 12, note: '市、县 6 位（GB/T 2260），乡镇 9 位，村 12 位' },
      { key: 'name', label: '名称', required: true, maxLength: 64, note: '' },
      { key: 'level', label: '层级', required: true, maxLength: 16, note: '市级 / 县级 / 乡镇级 / 村级（或 city / county / township / village）' },
      { key: 'parentCode', label: '上级区划代码', required: false, maxLength: 12, note: '市级不填；其余填上一级区划的代码' },
    ],
  },
  units: {
    key: 'units',
    label: '单位',
    columns: [
      { key: 'code', label: '单位代码', required: true, maxLength: 64, note: '所属区划代码-小写字母数字，如 330102-petition-office；也是流程引擎的候选组' },
      { key: 'name', label: '名称', required: true, maxLength: 128, note: '' },
      { key: 'kind', label: '单位类型', required: true, maxLength: 64, note: '见「说明」中的单位类型' },
      { key: 'regionCode', label: '所属区划代码', required: true, maxLength: 12, note: '' },
      { key: 'parentUnitCode', label: '上级单位代码', required: false, maxLength: 64, note: '办理室填所属中心，成员单位填本乡镇调处室；同一区划内' },
      { key: 'reviewingUnitCode', label: '复查机关代码', required: false, maxLength: 64, note: '不是上一级信访工作机构时才填（第三十五条）' },
    ],
  },
  users: {
    key: 'users',
    label: '账号',
    columns: [
      { key: 'username', label: '用户名', required: true, maxLength: 64, note: '3–64 位小写字母、数字、点或连字符' },
      { key: 'displayName', label: '姓名', required: true, maxLength: 64, note: '' },
      { key: 'unitCode', label: '所属单位代码', required: true, maxLength: 64, note: '' },
      { key: 'roles', label: '角色', required: false, maxLength: 256, note: '多个用顿号或逗号分隔；已有账号留空表示不改变角色' },
      {
        key: 'initialPassword',
        label: '初始密码',
        required: false,
        maxLength: 128,
        note: '只用于新账号；须符合密码规则；留空则账号暂不能登录，由安全管理员设置临时密码',
      },
    ],
  },
};

/** The header cell of a column, as the template writes it. */
export const headerOf = (column: ColumnSpec) => `${column.label} (${column.key})`;

/** The sheet's name in a workbook, as the template writes it; the reader also takes either half. */
export const sheetNameOf = (sheet: SheetSpec) => `${sheet.label} ${sheet.key}`;

export function sheetKeyOf(name: string): SheetKey | null {
  const text = name.trim().toLowerCase();
  for (const sheet of Object.values(SHEETS)) {
    if (text === sheetNameOf(sheet).toLowerCase() || text === sheet.key || text === sheet.label) return sheet.key;
  }
  return null;
}

/** The column key a header cell names, or null when it names none of the sheet's columns. */
export function columnKeyOf(sheet: SheetSpec, header: string): string | null {
  const text = header.trim();
  const bracketed = /[(（]\s*([A-Za-z]+)\s*[)）]\s*$/.exec(text)?.[1];
  for (const column of sheet.columns) {
    if (bracketed === column.key || text === column.key || text === column.label || text === headerOf(column)) return column.key;
  }
  return null;
}

const withoutGrade = (words: string) => words.replace(/级$/, '');

export function levelOf(value: string): Level | null {
  const text = value.trim();
  for (const level of LEVELS) {
    const zh = LEVEL_NAMES[level]['zh-CN'];
    if (text.toLowerCase() === level || text === zh || text === withoutGrade(zh)) return level;
  }
  return null;
}

/** A kind by its key, its full Chinese name or the name before the bracket ("信访工作机构"). */
export function kindOf(value: string): UnitKind | null {
  const text = value.trim();
  for (const kind of UNIT_KINDS) {
    const zh = KIND_NAMES[kind]['zh-CN'];
    if (text.toLowerCase() === kind || text === zh || text === zh.replace(/（.*$/, '')) return kind;
  }
  return null;
}

/** Roles by key or Chinese name, separated by 、 , ， ; ； or spaces; unknown ones are returned apart. */
export function rolesOf(value: string): { roles: Role[]; unknown: string[] } {
  const roles: Role[] = [];
  const unknown: string[] = [];
  for (const word of value.split(/[、,，;；\s]+/).filter(Boolean)) {
    const role = ROLES.find((r) => r === word.toLowerCase() || ROLE_NAMES_ZH[r] === word);
    if (role) {
      if (!roles.includes(role)) roles.push(role);
    } else unknown.push(word);
  }
  return { roles, unknown };
}
