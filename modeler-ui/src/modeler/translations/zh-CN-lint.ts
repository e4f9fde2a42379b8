// Chinese for the messages bpmnlint's rules report, which bpmn-js-bpmnlint passes through the
// editor's `translate` service when it draws the issue markers on the canvas (the issue list uses
// the per-rule texts of the app's i18n instead). tests/modeler-lint-translate.spec.ts checks every
// message the rules in lint.ts can report.

/** Messages reported with fixed text. */
export const ZH_CN_LINT: Record<string, string> = {
  'A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional': '事件网关的流出顺序流不能带条件',
  'A <Start Event> is not allowed in <Ad Hoc Sub Process>': '临时子流程中不允许开始事件',
  'An <End Event> is not allowed in <Ad Hoc Sub Process>': '临时子流程中不允许结束事件',
  'An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>': '事件网关至少需要 2 条流出的顺序流',
  'Duplicate incoming sequence flows': '存在重复的流入顺序流',
  'Duplicate outgoing sequence flows': '存在重复的流出顺序流',
  'Element is an implicit end': '元素没有流出的顺序流（隐式结束）',
  'Element is an implicit start': '元素没有流入的顺序流（隐式开始）',
  'Element is missing bpmndi': '元素缺少图形信息（BPMNDI）',
  'Element is missing label/name': '元素缺少名称',
  'Element is not connected': '元素未与流程连接',
  'Event has multiple event definitions': '事件含有多个事件定义',
  'Flow splits implicitly': '顺序流隐式分支，应使用网关',
  'Gateway forks and joins': '网关同时汇合和分支',
  'Gateway is superfluous. It only has one source and target.': '网关多余：只有一个来源和一个去向',
  'Incoming flows do not join': '多条流入的顺序流没有经网关汇合',
  'Link event is missing link name': '链接事件缺少链接名称',
  'Sequence flow is missing condition': '顺序流缺少条件',
  'SequenceFlow is a duplicate': '顺序流重复',
  'Start event is missing event definition': '开始事件缺少事件定义',
  'Start event must be blank': '开始事件必须为空白事件',
  'Property <historyTimeToLive> should be configured on <bpmn:Process> or engine level.':
    '请在流程（bpmn:Process）上或引擎级别设置历史数据保留时间（historyTimeToLive）',
};

const SCOPE: Record<string, string> = { Process: '流程', 'Sub process': '子流程' };

/** Messages with a name or type in them: pattern and Chinese. */
export const ZH_CN_LINT_PATTERNS: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^(Process|Sub process) is missing end event$/, (scope) => `${SCOPE[scope]}缺少结束事件`],
  [/^(Process|Sub process) is missing start event$/, (scope) => `${SCOPE[scope]}缺少开始事件`],
  [/^(Process|Sub process) has multiple blank start events$/, (scope) => `${SCOPE[scope]}有多个空白开始事件`],
  [/^Link (catch|throw) event with link name <(.*)> missing in scope$/, (kind, name) =>
    `范围内缺少链接名称为 <${name}> 的链接${kind === 'catch' ? '捕获' : '抛出'}事件`],
  [/^Duplicate link catch event with link name <(.*)> in scope$/, (name) => `范围内有重复的链接捕获事件 <${name}>`],
  [/^Link catch event with link name <(.*)> missing in scope$/, (name) => `范围内缺少链接名称为 <${name}> 的链接捕获事件`],
  [/^Element type <(.*)> is discouraged$/, (type) => `不建议使用元素类型 <${type}>`],
];

/** The Chinese of a lint message, or null when it is not one. */
export function translateLintMessage(message: string): string | null {
  if (message in ZH_CN_LINT) return ZH_CN_LINT[message]!;
  for (const [pattern, render] of ZH_CN_LINT_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return render(...match.slice(1));
  }
  return null;
}
