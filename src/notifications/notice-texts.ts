import type { NoticeKind } from '../camunda/process-contract';
import type { LegalRoute, ReplyOutcome } from '../petitions/petition.types';

const OUTCOME_LABELS: Record<ReplyOutcome, string> = {
  support: '支持',
  explain: '解释说明',
  reject: '不予支持',
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

/** The written notices to a petitioner (Art. 20, 23, 32, 36), in the petitioner's language. */
export function noticeText(kind: NoticeKind, facts: NoticeFacts): string {
  switch (kind) {
    case 'decline':
      return (
        `您的信访事项（编号 ${facts.number}）经${facts.unitName}审查，决定不予受理。` +
        `理由：${facts.declineReason ?? '见书面告知书'}。您可凭编号和查询码查询办理情况。`
      );
    case 'reply':
      return (
        `您的信访事项（编号 ${facts.number}）已由${facts.unitName}办理完毕，处理意见为：` +
        `${facts.replyOutcome ? OUTCOME_LABELS[facts.replyOutcome] : '见处理意见书'}。` +
        `如对处理意见不服，可自收到之日起30日内向上一级机关请求复查。`
      );
    case 'refuse-concluded': {
      const earlier = facts.earlier;
      return (
        `您反映的事项与信访事项${earlier ? `（编号 ${earlier.number}）` : ''}属同一事实和理由` +
        `${earlier?.replyOutcome ? `，该事项已由${earlier.unitName}答复（处理意见：${OUTCOME_LABELS[earlier.replyOutcome]}）` : ''}。` +
        `${facts.refusalReason ?? '根据《信访工作条例》，对同一事实和理由不再受理'}（编号 ${facts.number}）。` +
        `如有新的事实和理由，可重新提出信访事项。`
      );
    }
    case 'hearing':
      return (
        `您的信访事项（编号 ${facts.number}）定于${chinaDateTime(facts.hearing?.at ?? null)}在${facts.hearing?.place ?? '另行通知的地点'}举行听证，` +
        `请按时参加。听证期间不计入办理期限（《信访工作条例》第三十六条）。`
      );
    case 'level-skip':
      return (
        `您反映的事项（编号 ${facts.number}）属于${facts.unitName}的职责范围。` +
        `根据《信访工作条例》第二十条，走访应当向依法有权处理的本级或者上一级机关提出，请勿越级走访。` +
        `本事项已转送${facts.unitName}办理。`
      );
    case 'extension':
      return (
        `您的信访事项（编号 ${facts.number}）情况复杂，经${facts.unitName}负责人批准，办理期限延长` +
        `${facts.extension?.days ?? ''}日，至${chinaDate(facts.extension?.dueAt ?? null)}。` +
        `延期理由：${facts.extension?.reason ?? '见书面告知书'}。（《信访工作条例》第三十四条）`
      );
    case 'legal-route':
      return (
        `您的信访事项（编号 ${facts.number}）经${facts.unitName}审查，属于应当通过法定途径解决的事项，` +
        `请依法${facts.legalRoute ? LEGAL_ROUTE_LABELS[facts.legalRoute] : '通过诉讼、仲裁或者行政复议等法定途径解决'}。` +
        `${facts.declineReason ? `说明：${facts.declineReason}。` : ''}`
      );
  }
}
