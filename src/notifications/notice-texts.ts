import type { NoticeKind } from '../camunda/process-contract';
import type { ReplyOutcome } from '../petitions/petition.types';

const OUTCOME_LABELS: Record<ReplyOutcome, string> = {
  support: '支持',
  explain: '解释说明',
  reject: '不予支持',
};

export interface NoticeFacts {
  number: string;
  unitName: string;
  declineReason: string | null;
  replyOutcome: ReplyOutcome | null;
}

/** The written notices of Art. 23 (decline) and Art. 32 (handling opinion), in the petitioner's language. */
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
  }
}
