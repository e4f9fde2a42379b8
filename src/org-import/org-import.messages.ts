import type { FieldProblem } from '../common/i18n/validation-messages';
import { describeOrgProblem } from '../org-admin/org-admin.messages';
import { SheetKey, SHEETS } from './org-import.format';

/**
 * One bad row of an import: where (sheet, row, column) and why, in Chinese with English beside it,
 * so that the report can be read by whoever fixes the file and by whoever supports them.
 */
export interface ImportProblem {
  sheet: SheetKey;
  /** 区划 / 单位 / 账号 */
  sheetLabel: string;
  row: number;
  column: string | null;
  columnLabel: string | null;
  code: string;
  /** The offending value as the file has it, where one cell is at fault (never a password). */
  value: string | null;
  reason: string;
  reasonEn: string;
}

type Params = Record<string, string | number>;
type Words = { zh: (p: Params, column: string) => string; en: (p: Params, column: string) => string };

const TEMPLATES: Record<string, Words> = {
  unknownColumn: {
    zh: (p) => `第 ${p.column} 列的表头「${p.value}」不是本表的列，请使用导入模板中的表头`,
    en: (p) => `Column ${p.column}'s header "${p.value}" is not a column of this sheet; use the template's headers`,
  },
  missingColumn: { zh: (_p, c) => `缺少必填列「${c}」`, en: (_p, c) => `The required column "${c}" is missing` },
  duplicateColumn: { zh: (_p, c) => `列「${c}」出现了不止一次`, en: (_p, c) => `The column "${c}" appears more than once` },
  required: { zh: (_p, c) => `${c}不能为空`, en: (_p, c) => `${c} is required` },
  tooLong: { zh: (p, c) => `${c}最多 ${p.max} 个字符`, en: (p, c) => `${c} has at most ${p.max} characters` },
  malformedText: {
    zh: (_p, c) => `${c}含有无法保存的字符（控制字符或不成对的代理字符），请重新输入`,
    en: (_p, c) => `${c} holds characters that cannot be stored (control characters or a lone surrogate); type it again`,
  },
  formulaWithoutValue: {
    zh: (p) => `单元格 ${p.cell} 是公式且文件中没有保存计算结果；导入不计算公式，请在 Excel 中重新计算并保存，或改为填写值`,
    en: (p) => `Cell ${p.cell} holds a formula whose result was not saved; the import never evaluates formulas: recalculate and save in Excel, or type the value`,
  },
  cellError: {
    zh: (p) => `单元格 ${p.cell} 的值是错误（如 #REF!），请更正`,
    en: (p) => `Cell ${p.cell} holds an error value (such as #REF!); correct it`,
  },
  unterminatedQuote: {
    zh: () => '从这一行开始的引号没有闭合，CSV 文件其后的内容无法读取',
    en: () => 'A quote opened on this row is never closed; the rest of the CSV file cannot be read',
  },
  duplicateCode: {
    zh: (p, c) => `${c}「${p.value}」与第 ${p.firstRow} 行重复`,
    en: (p, c) => `${c} "${p.value}" repeats row ${p.firstRow}`,
  },
  unknownLevel: {
    zh: (p) => `层级「${p.value}」无效，应为 市级、县级、乡镇级 或 村级`,
    en: (p) => `Level "${p.value}" is not one of city, county, township, village`,
  },
  levelChanged: {
    zh: (p) => `区划「${p.value}」已存在且为${p.current}，不能通过导入改变层级`,
    en: (p) => `Region "${p.value}" exists as a ${p.currentEn} region; an import cannot change its level`,
  },
  regionParentChanged: {
    zh: (p) => `区划「${p.value}」已存在，其上级区划为「${p.current}」，不能通过导入改变（区划代码本身体现上下级）`,
    en: (p) => `Region "${p.value}" exists under "${p.current}"; an import cannot move it (the code itself encodes the tree)`,
  },
  unknownKind: {
    zh: (p) => `单位类型「${p.value}」无效，请使用「说明」工作表中列出的单位类型`,
    en: (p) => `Unit kind "${p.value}" is not one of the kinds listed in the template's notes`,
  },
  unitClosed: {
    zh: (p) => `单位「${p.value}」已撤销或合并，不能通过导入修改；其代码不再复用`,
    en: (p) => `Unit "${p.value}" is closed; an import cannot change it, and its code is not reused`,
  },
  unitFixedChanged: {
    zh: (p, c) => `单位「${p.value}」已存在，其${c}为「${p.current}」，导入不能改变${c}（请新建单位并撤并旧单位）`,
    en: (p, c) => `Unit "${p.value}" exists with ${c.toLowerCase()} "${p.current}"; an import cannot change it (create a new unit and close the old one)`,
  },
  usernameFormat: {
    zh: (p) => `用户名「${p.value}」须为 3–64 位小写字母、数字、点或连字符，以字母或数字开头`,
    en: (p) => `User name "${p.value}" must have 3 to 64 lowercase letters, digits, dots or hyphens, starting with a letter or digit`,
  },
  unknownUnit: {
    zh: (p) => `所属单位「${p.value}」不存在或已撤销（既不在系统中，也不在本次导入的单位表中）`,
    en: (p) => `Unit "${p.value}" does not exist or is closed (neither in the system nor in this import's units)`,
  },
  unknownRoles: {
    zh: (p) => `角色「${p.value}」无效，可用角色：登记员、代办员、经办人、单位负责人、督查员、流程管理员`,
    en: (p) => `Role(s) "${p.value}" unknown; the roles are registrar, agent, handler, unit-head, supervisor, process-admin`,
  },
  rolesIncompatible: { zh: (p) => String(p.zh), en: (p) => String(p.en) },
  adminRoleByImport: {
    zh: () => '系统管理员、安全管理员、安全审计员角色不能通过导入授予，须由安全管理员在系统内授予（三员分立）',
    en: () =>
      'The system administrator, security administrator and auditor roles are not granted by an import; the security administrator grants them in the application (separation of duties)',
  },
  adminAccountByImport: {
    zh: (p) => `账号「${p.value}」是管理员账号，不能通过导入修改`,
    en: (p) => `Account "${p.value}" is an administrator's; an import cannot change it`,
  },
  weakPassword: { zh: (p) => `初始密码不符合密码规则：${p.zh}`, en: (p) => `The initial password breaks the password policy: ${p.en}` },
};
function columnLabel(sheet: SheetKey, column: string | null): { zh: string; en: string } | null {
  if (!column) return null;
  const spec = SHEETS[sheet].columns.find((c) => c.key === column);
  return { zh: spec?.label ?? column, en: column };
}

export function problem(sheet: SheetKey, row: number, column: string | null, code: string, params: Params = {}): ImportProblem {
  const label = columnLabel(sheet, column);
  const words = TEMPLATES[code];
  return {
    sheet,
    sheetLabel: SHEETS[sheet].label,
    row,
    column,
    columnLabel: label?.zh ?? null,
    code,
    value: column === 'initialPassword' || params.value === undefined ? null : String(params.value),
    reason: words ? words.zh(params, label?.zh ?? '') : code,
    reasonEn: words ? words.en(params, label?.en ?? '') : code,
  };
}

/** A problem found by the organisation's shared rules (org-rules.ts), worded as the administrator's forms word it. */
export function ruleProblem(sheet: SheetKey, row: number, found: FieldProblem): ImportProblem {
  const label = columnLabel(sheet, found.field);
  return {
    sheet,
    sheetLabel: SHEETS[sheet].label,
    row,
    column: found.field,
    columnLabel: label?.zh ?? null,
    code: found.code,
    value: found.params?.value === undefined ? null : String(found.params.value),
    reason: describeOrgProblem(found, 'zh-CN'),
    reasonEn: describeOrgProblem(found, 'en'),
  };
}
