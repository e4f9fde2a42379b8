import type { Category, Channel, PetitionStatus, ReviewStage } from '../petitions/petition.types';
import type { EntryTier, Outcome, ReviewFigures } from './annual-report.types';

/** The Chinese names the PDF and the workbook print (the glossary's terms). */
export { CATEGORY_NAMES_ZH } from '../petitions/petition-labels';

/** The order categories are printed in: complaints, the bulk of the work, first. */
export const CATEGORY_ORDER: readonly Category[] = ['complaint', 'suggestion', 'accusation'];

export const CHANNEL_NAMES_ZH: Record<Channel, string> = {
  letter: '来信',
  visit: '来访',
  online: '网上信访',
  phone: '来电',
  fax: '传真',
  agent: '村（社区）代办',
};

export const ENTRY_TIER_NAMES_ZH: Record<EntryTier, string> = {
  city: '市级',
  county: '县（区）级',
  township: '乡镇（街道）级',
  village: '村（社区）级',
  unknown: '未记录',
};

export const OUTCOME_NAMES_ZH: Record<Outcome, string> = {
  accepted: '受理',
  declined: '不予受理',
  diverted: '导入法定途径（诉访分离）',
  refused: '不再受理',
  replied: '已出具处理意见',
  support: '其中：支持',
  explain: '其中：解释说明',
  reject: '其中：不予支持',
  concluded: '终结',
  closed: '办结归档',
};

export const STATUS_NAMES_ZH: Record<PetitionStatus, string> = {
  received: '已接收',
  registered: '已登记',
  'awaiting-forwarding': '待代办站转交',
  'awaiting-acceptance': '待受理',
  'awaiting-decision': '待上级裁决',
  handling: '办理中',
  replied: '已答复',
  declined: '不予受理',
  diverted: '已导入法定途径',
  refused: '不再受理',
  closed: '已办结',
  'under-review': '复查中',
  reviewed: '已复查',
  'under-re-review': '复核中',
  concluded: '已终结',
};

export const REVIEW_STAGE_NAMES_ZH: Record<ReviewStage, string> = { review: '复查', 're-review': '复核' };

export const REVIEW_FIGURE_NAMES_ZH: Record<keyof ReviewFigures, string> = {
  requested: '收到申请',
  decided: '作出意见',
  uphold: '维持',
  change: '变更',
  revoke: '撤销并责令重新办理',
  pending: '尚未作出意见',
};

/** A rate as the report prints it: a percentage, or 无数据 when nothing was measured (never 0 %). */
export function percentText(rate: number | null): string {
  return rate === null ? '无数据' : `${(rate * 100).toFixed(1)}%`;
}

/** "2019年3月" for 2019-03. */
export function monthText(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${year}年${m}月`;
}
