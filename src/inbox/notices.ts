import { STEP_ROLES } from '../access/access-policy';
import type { StepKey } from '../camunda/process-contract';
import { chinaDate } from '../clocks/deadline';
import type { ClockKind } from '../clocks/task-clock';
import type { InboxItem } from './inbox.service';

/**
 * What the inbox says about each event. Only the step's name, the petition number and dates: the
 * inbox is shown in a corner of every page and may be read over a shoulder, so no personal data.
 * The caller names the step (the features that know step names sit above the inbox).
 */

/** A task the engine has just offered to a unit: told to the people of the unit who may act on its step. */
export function newTaskNotice(task: {
  taskId: string;
  step: string;
  stepName: string;
  unitCode: string;
  petitionId: string;
  petitionNumber: string;
  due: Date | null;
}): InboxItem {
  return {
    unitCode: task.unitCode,
    kind: 'task',
    title: `新待办：${task.stepName} ${task.petitionNumber}`,
    body: task.due ? `办理期限：${chinaDate(task.due)}` : null,
    petitionId: task.petitionId,
    petitionNumber: task.petitionNumber,
    taskId: task.taskId,
    cause: `task:${task.taskId}`,
    // A step the access policy does not list reaches the whole unit rather than nobody.
    roles: STEP_ROLES[task.step as StepKey],
  };
}

/** A reminder, supervision notice or disciplinary recommendation the statutory clock recorded. */
export function deadlineNotice(record: {
  id: string;
  kind: ClockKind;
  stepName: string;
  unitCode: string;
  petitionId: string;
  petitionNumber: string;
  dueAt: Date;
  feedbackDueAt: Date | null;
  addressedToUnitName: string;
  taskId: string | null;
}): InboxItem {
  const what = `${record.stepName} ${record.petitionNumber}`;
  const due = chinaDate(record.dueAt);
  const text: Record<ClockKind, { title: string; body: string }> = {
    reminder: { title: `催办：${what} 将于 ${due} 到期`, body: `办理期限：${due}，请抓紧办理` },
    supervision: {
      title: `督办：${what} 已到办理期限`,
      body: `办理期限：${due}${record.feedbackDueAt ? `，请于 ${chinaDate(record.feedbackDueAt)} 前反馈办理情况` : ''}`,
    },
    discipline: {
      title: `追责建议：${what} 逾期未办结`,
      body: `办理期限：${due}，已建议${record.addressedToUnitName}依规依纪追究责任（信访工作条例 第四十条）`,
    },
  };
  return {
    unitCode: record.unitCode,
    kind: record.kind,
    ...text[record.kind],
    petitionId: record.petitionId,
    petitionNumber: record.petitionNumber,
    taskId: record.taskId,
    cause: `${record.kind}:${record.id}`,
  };
}
