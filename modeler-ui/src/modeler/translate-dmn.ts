// Chinese labels for dmn-js (DRD palette and context pad, decision table menus and editors) and the
// properties panel of the DRD (dmn-js-properties-panel on @bpmn-io/properties-panel).
// Each dmn-js view asks its own `translate` service for every English label; the keys below are
// the literal strings dmn-js 17.10 and the panel pass to it (grep "translate(" in
// node_modules/dmn-js-*/lib and the panels' dist), plus the hit policies and data types dmn-js
// passes as variables and the panel's group titles. Strings without an entry stay English.
import { i18n } from '@/i18n';

export const ZH_CN_DMN: Record<string, string> = {
  // DRD palette and context pad
  'Activate hand tool': '抓手工具',
  'Activate lasso tool': '套索工具',
  'Create decision': '创建决策',
  'Create input data': '创建输入数据',
  'Create knowledge model': '创建业务知识模型',
  'Create knowledge source': '创建知识来源',
  'Append decision': '追加决策',
  'Append input data': '追加输入数据',
  'Append business knowledge model': '追加业务知识模型',
  'Append knowledge source': '追加知识来源',
  'Add text annotation': '添加文本注释',
  'Connect to other element': '连接到其他元素',
  'Change type': '更改类型',
  Delete: '删除',
  Edit: '编辑',
  Resize: '调整大小',
  'View DRD': '查看决策需求图',
  'Definition ID': '定义标识（ID）',
  'Definition name': '定义名称',
  'Element name': '元素名称',
  // decision table head and context menu
  'Decision name': '决策名称',
  'Decision name: ': '决策名称：',
  'Hit policy': '命中策略',
  'Hit policy:': '命中策略：',
  When: '当',
  And: '且',
  Then: '则',
  Annotation: '注释',
  Annotations: '注释',
  Input: '输入',
  Output: '输出',
  'Add input': '添加输入',
  'Add output': '添加输出',
  'Add rule': '添加规则',
  'Add rule above': '在上方添加规则',
  'Add rule below': '在下方添加规则',
  'Copy rule': '复制规则',
  'Cut rule': '剪切规则',
  'Paste rule above': '粘贴到上方',
  'Paste rule below': '粘贴到下方',
  'Remove rule': '删除规则',
  'Move rule': '移动规则',
  'Add input column left': '在左侧添加输入列',
  'Add input column right': '在右侧添加输入列',
  'Add output column left': '在左侧添加输出列',
  'Add output column right': '在右侧添加输出列',
  'Copy input column': '复制输入列',
  'Copy output column': '复制输出列',
  'Cut input column': '剪切输入列',
  'Cut output column': '剪切输出列',
  'Paste input column left': '粘贴到左侧输入列',
  'Paste input column right': '粘贴到右侧输入列',
  'Paste output column left': '粘贴到左侧输出列',
  'Paste output column right': '粘贴到右侧输出列',
  'Remove input column': '删除输入列',
  'Remove output column': '删除输出列',
  'Add cell description': '添加单元格说明',
  'Remove cell description': '删除单元格说明',
  // input / output editors
  'Edit input': '编辑输入',
  'Edit output': '编辑输出',
  'Input label': '输入标签',
  'Input label: ': '输入标签：',
  'Input expression': '输入表达式',
  'Input expression: ': '输入表达式：',
  'Input type': '输入类型',
  'Input values': '输入值',
  'Output label': '输出标签',
  'Output label: ': '输出标签：',
  'Output name': '输出名称',
  'Output name: ': '输出名称：',
  'Output type': '输出类型',
  'Output values': '输出值',
  'Expression language': '表达式语言',
  'Expression language:': '表达式语言：',
  'Expression language: {expressionLanguageLabel}': '表达式语言：{expressionLanguageLabel}',
  'Change cell expression language': '更改单元格表达式语言',
  'Editing not supported for set expression language': '当前表达式语言不支持在此编辑',
  'Enter expression': '输入表达式',
  Expression: '表达式',
  'Predefined values': '预定义值',
  'Custom values': '自定义值',
  'Add predefined values': '添加预定义值',
  'Clear predefined values': '清除预定义值',
  'Add values': '添加值',
  'No values': '无值',
  Values: '值',
  Value: '值',
  'Set value': '设置值',
  'Strings must be in double quotes': '字符串必须用双引号括起',
  'Test type': '判断方式',
  Type: '类型',
  // value editors
  'Edit string': '编辑字符串',
  'Edit number': '编辑数值',
  'Edit boolean': '编辑布尔值',
  'Edit date': '编辑日期',
  'Edit time': '编辑时间',
  'Edit date and time': '编辑日期时间',
  'Edit duration': '编辑时长',
  'Edit start date': '编辑开始日期',
  'Edit end date': '编辑结束日期',
  'Edit start time': '编辑开始时间',
  'Edit end time': '编辑结束时间',
  'Edit start date and time': '编辑开始日期时间',
  'Edit end date and time': '编辑结束日期时间',
  'String value': '字符串值',
  'Boolean value': '布尔值',
  'Date value': '日期值',
  'Time value': '时间值',
  'Date and time value': '日期时间值',
  'Duration value': '时长值',
  'Set date': '设置日期',
  'Set time': '设置时间',
  'Set date and time': '设置日期时间',
  'Set duration': '设置时长',
  'Use today': '使用今天',
  'Use now': '使用当前时间',
  Date: '日期',
  Time: '时间',
  'Date and time': '日期时间',
  'Start date': '开始日期',
  'End date': '结束日期',
  'Start time': '开始时间',
  'End time': '结束时间',
  'Start date and time': '开始日期时间',
  'End date and time': '结束日期时间',
  'Start value': '起始值',
  'End value': '结束值',
  Before: '早于',
  After: '晚于',
  Between: '介于',
  Exactly: '恰好',
  Comparison: '比较',
  'Comparison operator': '比较运算符',
  Range: '范围',
  'Range start operator': '范围起始运算符',
  'Range start value': '范围起始值',
  'Range end operator': '范围结束运算符',
  'Range end value': '范围结束值',
  Include: '包含',
  Exclude: '不包含',
  Equals: '等于',
  Less: '小于',
  'Less or equals': '小于等于',
  Greater: '大于',
  'Greater or equals': '大于等于',
  'Match one': '匹配其中之一',
  'Match none': '都不匹配',
  Yes: '是',
  No: '否',
  'Must match PnYnM': '格式须为 PnYnM',
  'Must match PnDTnH': '格式须为 PnDTnH',
  // literal and boxed expressions
  'Literal expression': '字面量表达式',
  'Literal expression editor': '字面量表达式编辑器',
  'Variable name': '变量名',
  'Variable name:': '变量名：',
  'Variable type': '变量类型',
  'Variable type:': '变量类型：',
  'Function kind: {kind}': '函数类型：{kind}',
  'Edit formal parameters': '编辑形式参数',
  'Edit function kind': '编辑函数类型',
  'Add parameter': '添加参数',
  'Remove parameter': '删除参数',
  Kind: '类型',
  name: '名称',
  // properties panel (dmn-js-properties-panel): groups, entries, ID validation
  General: '常规',
  Documentation: '文档',
  Variable: '变量',
  'History cleanup': '历史清理',
  ID: '标识（ID）',
  Name: '名称',
  Description: '说明',
  Question: '问题',
  'Allowed answers': '允许的答案',
  'Version tag': '版本标签',
  'Version tag by which this decision can be referenced.': '可用于引用此决策的版本标签。',
  'This maps to the decision definition key.': '即引擎中决策定义的键（key）。',
  'Time to live': '历史生存时间',
  'Number of days before this resource is being cleaned up. If specified, takes precedence over the engine configuration.':
    '该资源被清理前保留的天数。设置后优先于引擎配置。',
  'Learn more': '了解更多',
  'ID must not be empty.': 'ID 不能为空。',
  'ID must be unique.': 'ID 必须唯一。',
  'ID must not contain spaces.': 'ID 不能包含空格。',
  'ID must not contain prefix.': 'ID 不能包含前缀。',
  'ID must be a valid QName.': 'ID 必须是有效的 QName。',
  // properties panel (@bpmn-io/properties-panel): sections, lists, FEEL fields
  'Open documentation': '打开文档',
  'Toggle section': '展开/折叠分组',
  'Section contains an error': '该分组有错误',
  'Section contains edits': '该分组已有设置',
  '<empty>': '<空>',
  'Toggle list item': '展开/折叠列表项',
  'Delete item': '删除条目',
  'Create new list item': '新建列表项',
  Create: '创建',
  'List contains {numOfItems} items': '列表包含 {numOfItems} 项',
  'List contains {numOfItems} item': '列表包含 {numOfItems} 项',
  'JSON contains errors': 'JSON 有错误',
  'Open pop-up editor': '在弹出编辑器中打开',
  'Opened in editor': '已在编辑器中打开',
  'FEEL expression is mandatory': '必须填写 FEEL 表达式',
  'Click to remove dynamic value with FEEL expression': '点击以移除 FEEL 表达式动态值',
  'Click to set a dynamic value with FEEL expression': '点击以使用 FEEL 表达式设置动态值',
  'Unparsable FEEL expression.': '无法解析的 FEEL 表达式。',
  // hit policies and their explanations (HitPolicies.js)
  Unique: '唯一（Unique）',
  First: '首个（First）',
  Priority: '优先级（Priority）',
  Any: '任意（Any）',
  Collect: '收集（Collect）',
  'Collect (Sum)': '收集（求和）',
  'Collect (Min)': '收集（最小值）',
  'Collect (Max)': '收集（最大值）',
  'Collect (Count)': '收集（计数）',
  'Rule order': '规则顺序（Rule order）',
  'Output order': '输出顺序（Output order）',
  'No overlap is possible and all rules are disjoint. Only a single rule can be matched':
    '规则互不重叠，只能有一条规则匹配',
  'Rules may overlap. The first matching rule will be chosen': '规则可以重叠，取第一条匹配的规则',
  'Rules may overlap. The one with the highest priority will be chosen': '规则可以重叠，取优先级最高的规则',
  'Rules may overlap. Their output have to match': '规则可以重叠，但各规则的输出必须一致',
  'Collects the values of all matching rules': '收集所有匹配规则的值',
  'Collects the values of all matching rules and sums up to a single value': '收集所有匹配规则的值并求和',
  'Collects the values of all matching rules and uses the lowest value': '收集所有匹配规则的值并取最小值',
  'Collects the values of all matching rules and uses the highest value': '收集所有匹配规则的值并取最大值',
  'Collects the values of all matching rules and counts the number of them': '统计匹配规则的数量',
  'Collects the values of all matching rules in rule order': '按规则顺序收集所有匹配规则的值',
  'Collects the values of all matching rules in decreasing output priority order':
    '按输出优先级从高到低收集所有匹配规则的值',
  // data types (typeRef)
  string: '字符串',
  boolean: '布尔',
  integer: '整数',
  long: '长整数',
  double: '小数',
  number: '数值',
  date: '日期',
};

/** The dmn-js translate function: {placeholders} filled in, Chinese while the UI is zh-CN. */
export function translateDmn(template: string, replacements: Record<string, unknown> = {}): string {
  const text = i18n.global.locale.value === 'zh-CN' ? (ZH_CN_DMN[template] ?? template) : template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => {
    const value = replacements[key];
    return value === undefined || value === null ? `{${key}}` : String(value);
  });
}

/** A didi module replacing the `translate` service of each dmn-js view. */
export const DmnTranslateModule = { translate: ['value', translateDmn] };

interface PanelGroup {
  label?: string;
  [key: string]: unknown;
}

/**
 * dmn-js-properties-panel hands its group titles ('General', 'History cleanup', …) to the panel
 * untranslated, and no translate function to the groups, whose section buttons then fall back to
 * English; this provider runs after the others (low priority) and supplies both.
 */
class PanelGroupLabels {
  static $inject = ['propertiesPanel', 'translate'];

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: PanelGroupLabels): void },
    private readonly translate: typeof translateDmn,
  ) {
    propertiesPanel.registerProvider(100, this);
  }

  getGroups(): (groups: PanelGroup[]) => PanelGroup[] {
    return (groups) =>
      groups.map((group) => ({
        ...group,
        ...(group.label ? { label: this.translate(group.label) } : {}),
        translate: this.translate,
      }));
  }
}

/** The DRD's properties panel with Chinese group titles; needs DmnPropertiesPanelModule. */
export const DmnPanelGroupLabelsModule = {
  __init__: ['dmnPanelGroupLabels'],
  dmnPanelGroupLabels: ['type', PanelGroupLabels],
};
