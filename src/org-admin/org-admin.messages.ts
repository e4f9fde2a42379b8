import type { Language } from '../common/i18n/language';
import { describeProblem, FieldProblem } from '../common/i18n/validation-messages';
import type { Level, UnitKind } from '../org/org.types';

/**
 * Words for the organisation administrator's forms, in both languages. The shared table in
 * common/i18n/validation-messages.ts labels petition fields ("name" is a person's 姓名 there); these
 * labels and problem codes belong to regions and units and are put into words by
 * OrgAdminValidationFilter, which falls back to the shared templates for the generic codes.
 */
type Words = Record<Language, string>;

const FIELD_LABELS: Record<string, Words> = {
  code: { 'zh-CN': '代码', en: 'Code' },
  name: { 'zh-CN': '名称', en: 'Name' },
  level: { 'zh-CN': '层级', en: 'Level' },
  parentCode: { 'zh-CN': '上级区划', en: 'Parent region' },
  kind: { 'zh-CN': '单位类型', en: 'Unit kind' },
  regionCode: { 'zh-CN': '所属区划', en: 'Region' },
  parentUnitCode: { 'zh-CN': '上级单位', en: 'Parent unit' },
  reviewingUnitCode: { 'zh-CN': '复查机关', en: 'Reviewing body' },
  active: { 'zh-CN': '是否启用', en: 'Active' },
  successorCode: { 'zh-CN': '承接单位', en: 'Successor unit' },
  reason: { 'zh-CN': '撤并理由', en: 'Reason' },
};

export const LEVEL_NAMES: Record<Level, Words> = {
  city: { 'zh-CN': '市级', en: 'city' },
  county: { 'zh-CN': '县级', en: 'county' },
  township: { 'zh-CN': '乡镇级', en: 'township' },
  village: { 'zh-CN': '村级', en: 'village' },
};

export const KIND_NAMES: Record<UnitKind, Words> = {
  'petition-office': { 'zh-CN': '信访工作机构（信访局、接待办理中心、调处室）', en: 'petition office' },
  'handling-room': { 'zh-CN': '办理室', en: 'handling room' },
  department: { 'zh-CN': '职能部门', en: 'functional department' },
  'discipline-inspection': { 'zh-CN': '纪检监察机关', en: 'discipline inspection unit' },
  'agent-station': { 'zh-CN': '信访代办站', en: 'agent station' },
  'member-body': { 'zh-CN': '调处室成员单位', en: 'member body' },
  leadership: { 'zh-CN': '党委政府领导机构', en: 'leadership unit' },
};

const REGION_CODE_FORMATS: Record<Level, Words> = {
  city: { 'zh-CN': '市级区划代码应为6位数字且末两位为00，如 990100', en: 'a city code has 6 digits ending in 00, e.g. 990100' },
  county: {
    'zh-CN': '县级区划代码应为6位数字且末两位不为00，如 990102',
    en: 'a county code has 6 digits not ending in 00, e.g. 990102',
  },
  township: {
    'zh-CN': '乡镇级区划代码应为9位数字（县级代码加3位，后3位不为000），如 990102001',
    en: 'a township code has 9 digits (the county code and 3 more, not 000), e.g. 990102001',
  },
  village: {
    'zh-CN': '村级区划代码应为12位数字（乡镇代码加3位，后3位不为000），如 990102001001',
    en: 'a village code has 12 digits (the township code and 3 more, not 000), e.g. 990102001001',
  },
};

type Params = Record<string, string | number>;
type Template = (label: string, p: Params) => string;

const level = (value: string | number, lang: Language) => LEVEL_NAMES[value as Level]?.[lang] ?? String(value);
const kind = (value: string | number, lang: Language) => KIND_NAMES[value as UnitKind]?.[lang] ?? String(value);
/** "a handling room", "an agent station". */
const a = (words: string) => (/^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`);
const capitalize = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const levels = (list: string | number, lang: Language) =>
  String(list)
    .split(',')
    .map((l) => level(l, lang) + (lang === 'zh-CN' ? '区划' : ''))
    .join(lang === 'zh-CN' ? '、' : ' or ');

const TEMPLATES: Record<string, Record<Language, Template>> = {
  regionCodeFormat: {
    'zh-CN': (f, p) => `${f}「${p.value}」格式不对：${REGION_CODE_FORMATS[p.level as Level]['zh-CN']}`,
    en: (f, p) => `${f} "${p.value}" has the wrong form: ${REGION_CODE_FORMATS[p.level as Level].en}`,
  },
  regionCodeNotUnderParent: {
    'zh-CN': (f, p) => `${f}「${p.value}」应以上级区划「${p.parentName}」（${p.parentCode}）的代码 ${p.prefix} 开头`,
    en: (f, p) => `${f} "${p.value}" must start with ${p.prefix}, from its parent ${p.parentName} (${p.parentCode})`,
  },
  cityHasNoParent: {
    'zh-CN': (f) => `市级区划没有上级区划，请不要填写${f}`,
    en: (f) => `A city has no parent region; leave ${f.toLowerCase()} empty`,
  },
  parentRegionRequired: {
    'zh-CN': (f, p) => `${level(p.level, 'zh-CN')}区划必须填写${f}`,
    en: (f, p) => `A ${level(p.level, 'en')} region needs a ${f.toLowerCase()}`,
  },
  unknownParentRegion: {
    'zh-CN': (f, p) => `${f}「${p.value}」不存在，请从区划列表中选择`,
    en: (f, p) => `${f} "${p.value}" does not exist; pick one from the region list`,
  },
  levelNotBelowParent: {
    'zh-CN': (_f, p) =>
      `${level(p.level, 'zh-CN')}区划应直接隶属于${level(p.expected, 'zh-CN')}区划，而「${p.parentName}」是${level(p.parentLevel, 'zh-CN')}区划`,
    en: (_f, p) =>
      `A ${level(p.level, 'en')} region belongs directly under a ${level(p.expected, 'en')} region; ${p.parentName} is a ${level(p.parentLevel, 'en')} region`,
  },
  unitCodeFormat: {
    'zh-CN': (f, p) =>
      `${f}「${p.value}」格式不对：应以所属区划代码和连字符开头，后接小写字母、数字或连字符，如 ${p.regionCode}-handling-room-3`,
    en: (f, p) =>
      `${f} "${p.value}" has the wrong form: the region code, a hyphen, then lowercase letters, digits or hyphens, e.g. ${p.regionCode}-handling-room-3`,
  },
  unitKindLevel: {
    'zh-CN': (_f, p) =>
      `${kind(p.kind, 'zh-CN')}只能设在${levels(p.allowed, 'zh-CN')}，不能设在${level(p.level, 'zh-CN')}区划「${p.regionName}」`,
    en: (_f, p) =>
      `${capitalize(a(kind(p.kind, 'en')))} can only be set up in a ${levels(p.allowed, 'en')} region, not in the ${level(p.level, 'en')} region ${p.regionName}`,
  },
  unknownParentUnit: {
    'zh-CN': (f, p) => `${f}「${p.value}」不存在，请从单位列表中选择`,
    en: (f, p) => `${f} "${p.value}" does not exist; pick one from the unit list`,
  },
  unknownReviewingUnit: {
    'zh-CN': (f, p) => `${f}「${p.value}」不存在或已撤销，请从单位列表中选择`,
    en: (f, p) => `${f} "${p.value}" does not exist or is closed; pick one from the unit list`,
  },
  reviewingUnitNotAbove: {
    'zh-CN': (f, p) => `${f}「${p.value}」须为上一级机关（第三十五条），不能与本单位同级或更低`,
    en: (f, p) => `${f} "${p.value}" must be a body one level up (Art. 35), not at the unit's own level or below`,
  },
  parentUnitInactive: {
    'zh-CN': (f, p) => `${f}「${p.value}」已撤销或合并，不能再作为上级单位`,
    en: (f, p) => `${f} "${p.value}" is closed; it cannot be a parent any more`,
  },
  parentUnitOtherRegion: {
    'zh-CN': (f, p) => `${f}「${p.value}」属于区划 ${p.parentRegionCode}，上级单位必须与本单位同属区划 ${p.regionCode}`,
    en: (f, p) => `${f} "${p.value}" lies in region ${p.parentRegionCode}; a parent unit must lie in the unit's own region ${p.regionCode}`,
  },
  memberBodyParent: {
    'zh-CN': (f) => `调处室成员单位必须以本乡镇的信访调处室为${f}`,
    en: (f) => `A member body needs its township's petition office as ${f.toLowerCase()}`,
  },
  parentUnitCycle: {
    'zh-CN': (f, p) => `${f}「${p.value}」是本单位自身或其下级单位，不能作为上级单位`,
    en: (f, p) => `${f} "${p.value}" is the unit itself or lies below it; it cannot be the parent`,
  },
  unknownSuccessor: {
    'zh-CN': (f, p) => `${f}「${p.value}」不存在，请从单位列表中选择`,
    en: (f, p) => `${f} "${p.value}" does not exist; pick one from the unit list`,
  },
  successorIsSelf: {
    'zh-CN': (f) => `${f}不能是被撤并的单位本身`,
    en: (f) => `${f} cannot be the unit being closed`,
  },
  successorInactive: {
    'zh-CN': (f, p) => `${f}「${p.value}」本身已撤销或合并${p.next ? `（其工作已由「${p.next}」承接）` : ''}，请选择在用的单位`,
    en: (f, p) => `${f} "${p.value}" is closed itself${p.next ? ` (its work went to "${p.next}")` : ''}; pick an active unit`,
  },
  successorKind: {
    'zh-CN': (f, p) => `${f}应与被撤并单位同为${kind(p.kind, 'zh-CN')}，或为信访工作机构；「${p.value}」是${kind(p.successorKind, 'zh-CN')}`,
    en: (f, p) =>
      `${f} must be ${a(kind(p.kind, 'en'))} like the closed unit, or a petition office; "${p.value}" is ${a(kind(p.successorKind, 'en'))}`,
  },
};

function labelOf(field: string, lang: Language): string {
  return FIELD_LABELS[field]?.[lang] ?? field;
}

/** A problem with an organisation form, in the caller's language. */
export function describeOrgProblem(problem: FieldProblem, lang: Language): string {
  const label = labelOf(problem.field, lang);
  const own = TEMPLATES[problem.code]?.[lang];
  if (own) return own(label, problem.params ?? {});
  // The shared templates ("…不能为空", "…必须是以下之一") with this module's field labels.
  return describeProblem({ ...problem, field: FIELD_LABELS[problem.field] ? label : problem.field }, lang);
}
