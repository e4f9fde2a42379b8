import type { NoticeKind } from '../camunda/process-contract';
import type { LegalRoute, ReplyOutcome, ReviewOutcome, ReviewStage } from '../petitions/petition.types';

const OUTCOME_LABELS: Record<ReplyOutcome, string> = {
  support: '支持',
  explain: '解释说明',
  reject: '不予支持',
};

const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  uphold: '维持原处理意见',
  change: '变更原处理意见',
  revoke: '撤销原处理意见，责令重新办理',
};

/** Each notice as a written document: its title and the article it rests on (信访工作条例, 2022). */
export const NOTICE_DOCUMENTS: Record<NoticeKind, { title: string; article: string }> = {
  accept: { title: '信访事项受理告知书', article: '《信访工作条例》第二十三条' },
  decline: { title: '信访事项不予受理告知书', article: '《信访工作条例》第二十三条' },
  transfer: { title: '信访事项转送告知书', article: '《信访工作条例》第二十二条' },
  'level-skip': { title: '逐级走访告知书', article: '《信访工作条例》第二十条' },
  'legal-route': { title: '依法分类处理告知书', article: '《信访工作条例》第三十一条' },
  extension: { title: '延长办理期限告知书', article: '《信访工作条例》第三十四条' },
  reply: { title: '信访事项处理意见书', article: '《信访工作条例》第三十四条' },
  'refuse-concluded': { title: '不再受理告知书', article: '《信访工作条例》第三十六条' },
  hearing: { title: '听证通知书', article: '《信访工作条例》第三十六条' },
  'review-opinion': { title: '信访事项复查意见书', article: '《信访工作条例》第三十五条' },
  're-review-opinion': { title: '信访事项复核意见书', article: '《信访工作条例》第三十六条' },
};

const LEGAL_ROUTE_LABELS: Record<LegalRoute, string> = {
  litigation: '向人民法院提起诉讼',
  arbitration: '申请仲裁',
  'administrative-review': '申请行政复议',
};

export interface NoticeFacts {
  number: string;
  unitName: string;
  declineReason: string | null;
  replyOutcome: ReplyOutcome | null;
  legalRoute: LegalRoute | null;
  /** For a repeat of a concluded matter: the earlier case. */
  earlier?: { number: string; unitName: string; closedAt: Date | null; replyOutcome: ReplyOutcome | null } | null;
  /** A hearing's time and place (the provincial hearing rule: notice at least 7 days ahead). */
  hearing?: { at: Date; place: string } | null;
  /** Why a concluded matter is not accepted again (PetitionLifecycle's refusalReason). */
  refusalReason?: string | null;
  /** An approved extension of the handling period (Art. 34). */
  extension?: { days: number; dueAt: Date; reason: string } | null;
  /** The reply's full text (答复意见书), as the handler wrote it. */
  replyText?: string | null;
  /** Acceptance: the date of the decision, the simplified path, the date the unit committed to. */
  acceptance?: { at: Date; simplified: boolean; committedAt: Date | null } | null;
  /** Transfer: the unit that sent it on and the one that received it. */
  transfer?: { fromUnitName: string; toUnitName: string; at: Date } | null;
  /** A review or re-review opinion (Art. 35/36) and the body that gave it. */
  review?: { stage: ReviewStage; outcome: ReviewOutcome; opinion: string; reviewingUnitName: string } | null;
}

/** YYYY-MM-DD HH:mm, China time. */
function chinaDateTime(moment: Date | null): string {
  return moment ? new Date(moment.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';
}

function chinaDate(moment: Date | null): string {
  if (!moment) return '此前';
  const local = new Date(moment.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

/**
 * The variables each notice's wording may use, named once, with what they stand for (shown to the
 * administrator who edits a template). `number` is in every notice: a notice must say which matter.
 */
export const NOTICE_VARIABLES: Record<NoticeKind, Record<string, string>> = {
  accept: { number: '信访事项编号', unit: '受理单位', date: '受理日期', period: '办理期限（普通或简易程序）', committed: '承诺答复日期（如有，含前导逗号）' },
  decline: { number: '信访事项编号', unit: '决定单位', reason: '不予受理的理由' },
  transfer: { number: '信访事项编号', fromUnit: '转送单位', toUnit: '接收单位', date: '转送日期' },
  'level-skip': { number: '信访事项编号', unit: '有权处理的机关' },
  'legal-route': { number: '信访事项编号', unit: '审查单位', route: '法定途径', note: '说明（如有）' },
  extension: { number: '信访事项编号', unit: '承办单位', days: '延长天数', dueDate: '延长后的办结日期', reason: '延期理由' },
  reply: { number: '信访事项编号', unit: '承办单位', outcome: '处理意见（支持/解释说明/不予支持）', replyText: '答复正文（另起一段）' },
  'refuse-concluded': { number: '本次信访编号', earlierNumber: '原信访事项编号（含括号）', earlierReply: '原答复情况（如有）', refusalReason: '不再受理的理由' },
  hearing: { number: '信访事项编号', at: '听证时间', place: '听证地点' },
  'review-opinion': { number: '信访事项编号', reviewingUnit: '复查机关', decision: '复查决定', opinion: '复查意见' },
  're-review-opinion': { number: '信访事项编号', reviewingUnit: '复核机关', decision: '复核决定', opinion: '复核意见' },
};

/** The wording each notice starts with: what a template says until an administrator changes it (version 0). */
export const DEFAULT_TEMPLATES: Record<NoticeKind, string> = {
  accept: '您的信访事项（编号 {{number}}）已由{{unit}}于{{date}}依法受理，{{period}}{{committed}}。您可凭编号和查询码查询办理进展。',
  decline: '您的信访事项（编号 {{number}}）经{{unit}}审查，决定不予受理。理由：{{reason}}。您可凭编号和查询码查询办理情况。',
  transfer: '您的信访事项（编号 {{number}}）经{{fromUnit}}审查，属于{{toUnit}}的职责范围，已于{{date}}转送其办理。您可凭编号和查询码查询办理进展。',
  'level-skip':
    '您反映的事项（编号 {{number}}）属于{{unit}}的职责范围。根据《信访工作条例》第二十条，走访应当向依法有权处理的本级或者上一级机关提出，请勿越级走访。本事项已转送{{unit}}办理。',
  'legal-route': '您的信访事项（编号 {{number}}）经{{unit}}审查，属于应当通过法定途径解决的事项，请依法{{route}}。{{note}}',
  extension: '您的信访事项（编号 {{number}}）情况复杂，经{{unit}}负责人批准，办理期限延长{{days}}日，至{{dueDate}}。延期理由：{{reason}}。（《信访工作条例》第三十四条）',
  reply: '您的信访事项（编号 {{number}}）已由{{unit}}办理完毕，处理意见为：{{outcome}}。{{replyText}}如对处理意见不服，可自收到之日起30日内向上一级机关请求复查。',
  'refuse-concluded': '您反映的事项与信访事项{{earlierNumber}}属同一事实和理由{{earlierReply}}。{{refusalReason}}（编号 {{number}}）。如有新的事实和理由，可重新提出信访事项。',
  hearing: '您的信访事项（编号 {{number}}）定于{{at}}在{{place}}举行听证，请按时参加。听证期间不计入办理期限（《信访工作条例》第三十六条）。',
  'review-opinion':
    '您对信访事项（编号 {{number}}）提出的复查请求，经{{reviewingUnit}}复查，决定：{{decision}}。\n复查意见：{{opinion}}\n如对复查意见不服，可自收到之日起30日内向复查机关的上一级机关请求复核（《信访工作条例》第三十五条）。',
  're-review-opinion':
    '您对信访事项（编号 {{number}}）提出的复核请求，经{{reviewingUnit}}复核，决定：{{decision}}。\n复核意见：{{opinion}}\n信访人对复核意见不服，仍以同一事实和理由提出信访事项的，不再受理（《信访工作条例》第三十六条）。',
};

/** The values of a notice's variables: where a sentence depends on the case, code decides, the template places it. */
export function noticeVariables(kind: NoticeKind, facts: NoticeFacts): Record<string, string> {
  const base = { number: facts.number, unit: facts.unitName };
  switch (kind) {
    case 'accept': {
      const acceptance = facts.acceptance;
      return {
        ...base,
        date: chinaDate(acceptance?.at ?? null),
        period: acceptance?.simplified ? '适用简易办理程序，将在受理之日起10个工作日内办结' : '将在受理之日起60日内办结',
        committed: acceptance?.committedAt ? `，承诺于${chinaDate(acceptance.committedAt)}前答复` : '',
      };
    }
    case 'decline':
      return { ...base, reason: facts.declineReason ?? '见书面告知书' };
    case 'transfer':
      return {
        number: facts.number,
        fromUnit: facts.transfer?.fromUnitName ?? '信访工作机构',
        toUnit: facts.transfer?.toUnitName ?? facts.unitName,
        date: chinaDate(facts.transfer?.at ?? null),
      };
    case 'level-skip':
      return base;
    case 'legal-route':
      return {
        ...base,
        route: facts.legalRoute ? LEGAL_ROUTE_LABELS[facts.legalRoute] : '通过诉讼、仲裁或者行政复议等法定途径解决',
        note: facts.declineReason ? `说明：${facts.declineReason}。` : '',
      };
    case 'extension':
      return {
        ...base,
        days: String(facts.extension?.days ?? ''),
        dueDate: chinaDate(facts.extension?.dueAt ?? null),
        reason: facts.extension?.reason ?? '见书面告知书',
      };
    case 'reply':
      return {
        ...base,
        outcome: facts.replyOutcome ? OUTCOME_LABELS[facts.replyOutcome] : '见处理意见书',
        replyText: facts.replyText?.trim() ? `\n${facts.replyText.trim()}\n` : '',
      };
    case 'refuse-concluded': {
      const earlier = facts.earlier;
      return {
        number: facts.number,
        earlierNumber: earlier ? `（编号 ${earlier.number}）` : '',
        earlierReply: earlier?.replyOutcome ? `，该事项已由${earlier.unitName}答复（处理意见：${OUTCOME_LABELS[earlier.replyOutcome]}）` : '',
        refusalReason: facts.refusalReason ?? '根据《信访工作条例》，对同一事实和理由不再受理',
      };
    }
    case 'hearing':
      return { number: facts.number, at: chinaDateTime(facts.hearing?.at ?? null), place: facts.hearing?.place ?? '另行通知的地点' };
    case 'review-opinion':
    case 're-review-opinion': {
      const review = facts.review;
      return {
        number: facts.number,
        reviewingUnit: review?.reviewingUnitName ?? '上一级机关',
        decision: review ? REVIEW_OUTCOME_LABELS[review.outcome] : '见意见书',
        opinion: review?.opinion.trim() ?? '',
      };
    }
  }
}

/** A template with its variables filled in; a name the notice does not know stays as written. */
export function renderTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, name: string) => (name in variables ? variables[name] : whole));
}

/** The written notices to a petitioner (Art. 20, 22, 23, 31, 34, 35, 36), in the petitioner's language. */
export function noticeText(kind: NoticeKind, facts: NoticeFacts, template: string = DEFAULT_TEMPLATES[kind]): string {
  return renderTemplate(template, noticeVariables(kind, facts));
}
