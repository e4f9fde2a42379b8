import { LocalizedHttpError } from '../../common/errors';
import type { Petition } from '../petition.entity';
import type { PetitionStatus } from '../petition.types';
import type { LifecycleEvent } from './transitions';

const STATUS_NAMES: Record<PetitionStatus, { 'zh-CN': string; en: string }> = {
  received: { 'zh-CN': '已接收', en: 'received' },
  registered: { 'zh-CN': '已登记', en: 'registered' },
  'awaiting-forwarding': { 'zh-CN': '待代办站转交', en: 'awaiting forwarding' },
  'awaiting-acceptance': { 'zh-CN': '待受理', en: 'awaiting acceptance' },
  'awaiting-decision': { 'zh-CN': '待上级裁决', en: 'awaiting a superior’s decision' },
  handling: { 'zh-CN': '办理中', en: 'being handled' },
  replied: { 'zh-CN': '已答复', en: 'replied' },
  declined: { 'zh-CN': '不予受理', en: 'declined' },
  diverted: { 'zh-CN': '已导入法定途径', en: 'diverted to the legal route' },
  refused: { 'zh-CN': '不再受理', en: 'refused as concluded' },
  closed: { 'zh-CN': '已办结', en: 'closed' },
  'under-review': { 'zh-CN': '复查中', en: 'under review' },
  reviewed: { 'zh-CN': '已复查', en: 'reviewed' },
  'under-re-review': { 'zh-CN': '复核中', en: 'under re-review' },
  concluded: { 'zh-CN': '已终结', en: 'concluded' },
};

const EVENT_NAMES: Record<LifecycleEvent, { 'zh-CN': string; en: string }> = {
  register: { 'zh-CN': '登记', en: 'be registered' },
  registerAtAgentStation: { 'zh-CN': '登记', en: 'be registered' },
  refuseConcluded: { 'zh-CN': '作不再受理处理', en: 'be refused as concluded' },
  forward: { 'zh-CN': '转交乡镇', en: 'be forwarded to the township' },
  route: { 'zh-CN': '分流', en: 'be routed' },
  handOver: { 'zh-CN': '转送、交办、报请或退回', en: 'be handed over' },
  refer: { 'zh-CN': '提请上级裁决', en: 'be referred to a superior' },
  decide: { 'zh-CN': '裁决', en: 'be decided by a superior' },
  accept: { 'zh-CN': '受理', en: 'be accepted' },
  decline: { 'zh-CN': '不予受理', en: 'be declined' },
  divert: { 'zh-CN': '导入法定途径', en: 'be diverted' },
  recordFindings: { 'zh-CN': '记录调查核实情况', en: 'take findings' },
  extend: { 'zh-CN': '延期', en: 'be extended' },
  reply: { 'zh-CN': '答复', en: 'be replied to' },
  approveCompletion: { 'zh-CN': '通过办结报告', en: 'have its completion report approved' },
  returnCompletion: { 'zh-CN': '退回重办', en: 'be sent back to be handled again' },
  close: { 'zh-CN': '办结归档', en: 'be closed' },
  succeed: { 'zh-CN': '由承接单位接办', en: 'pass to a successor unit' },
  serve: { 'zh-CN': '登记答复的送达日期', en: 'have the service of its reply recorded' },
  serveReviewOpinion: { 'zh-CN': '登记复查意见的送达日期', en: 'have the service of its review opinion recorded' },
  rate: { 'zh-CN': '评价', en: 'be rated' },
  lapseRating: { 'zh-CN': '记为未评价', en: 'be recorded as unrated' },
  openReview: { 'zh-CN': '受理复查申请', en: 'be taken up for review' },
  decideReview: { 'zh-CN': '作出复查意见', en: 'be given a review opinion' },
  openReReview: { 'zh-CN': '受理复核申请', en: 'be taken up for re-review' },
  decideReReview: { 'zh-CN': '作出复核意见', en: 'be given a re-review opinion' },
  revokeOnReview: { 'zh-CN': '撤销原处理意见并责令重新办理', en: 'have its reply revoked on review' },
  revokeOnReReview: { 'zh-CN': '撤销复查意见并责令重新办理', en: 'have its reply revoked on re-review' },
  lapse: { 'zh-CN': '期满终结', en: 'be concluded as its window lapsed' },
  resumeAfterHearing: { 'zh-CN': '听证后恢复计算办理时限', en: 'have its clock run on after a hearing' },
};

/** 409: the event may not follow the petition's status; says both, so a person sees why. */
export function transitionRefused(petition: Pick<Petition, 'number' | 'status'>, event: LifecycleEvent): LocalizedHttpError {
  const status = STATUS_NAMES[petition.status];
  const name = EVENT_NAMES[event];
  return new LocalizedHttpError(409, {
    'zh-CN': `信访事项 ${petition.number} 当前为「${status['zh-CN']}」，不能${name['zh-CN']}`,
    en: `Petition ${petition.number} is ${status.en} and cannot ${name.en} now`,
  });
}
