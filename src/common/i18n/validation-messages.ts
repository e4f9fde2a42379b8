import type { Language } from './language';

/** One problem with one input field, before it is put into words. */
export interface FieldProblem {
  /** Path of the field, e.g. "petitioners[1].idNumber". */
  field: string;
  /** class-validator constraint name or one of our own codes. */
  code: string;
  params?: Record<string, string | number>;
  /** class-validator's English text, used when we have no template for the code. */
  fallback?: string;
}

const FIELD_LABELS: Record<string, Record<Language, string>> = {
  channel: { 'zh-CN': '信访渠道', en: 'Channel' },
  category: { 'zh-CN': '信访类别', en: 'Category' },
  matterScope: { 'zh-CN': '事项层级', en: 'Matter scope' },
  subject: { 'zh-CN': '信访主题', en: 'Subject' },
  content: { 'zh-CN': '信访内容', en: 'Content' },
  regionCode: { 'zh-CN': '所涉行政区划', en: 'Region' },
  personCount: { 'zh-CN': '信访人数', en: 'Number of persons' },
  petitioners: { 'zh-CN': '信访人', en: 'Petitioners' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  idNumber: { 'zh-CN': '身份证号码', en: 'ID number' },
  phone: { 'zh-CN': '联系电话', en: 'Phone' },
  address: { 'zh-CN': '地址', en: 'Address' },
  email: { 'zh-CN': '电子邮箱', en: 'E-mail' },
  contactPreference: { 'zh-CN': '告知方式', en: 'Notice channel' },
  registeredMailNumber: { 'zh-CN': '挂号信编号', en: 'Registered-mail number' },
  queryCode: { 'zh-CN': '查询码', en: 'Query code' },
  page: { 'zh-CN': '页码', en: 'Page' },
  pageSize: { 'zh-CN': '每页条数', en: 'Page size' },
  unread: { 'zh-CN': '未读筛选', en: 'Unread filter' },
  state: { 'zh-CN': '打印状态', en: 'Print state' },
  status: { 'zh-CN': '状态', en: 'Status' },
  decision: { 'zh-CN': '受理决定', en: 'Decision' },
  reason: { 'zh-CN': '理由', en: 'Reason' },
  findings: { 'zh-CN': '调查核实情况', en: 'Findings' },
  replyOutcome: { 'zh-CN': '处理意见', en: 'Reply outcome' },
  replyText: { 'zh-CN': '答复内容', en: 'Reply text' },
  username: { 'zh-CN': '用户名', en: 'Username' },
  password: { 'zh-CN': '密码', en: 'Password' },
  files: { 'zh-CN': '流程文件', en: 'Process files' },
  targetUnitCode: { 'zh-CN': '目标单位', en: 'Target unit' },
  legalRoute: { 'zh-CN': '法定途径', en: 'Legal route' },
  dueDate: { 'zh-CN': '办结期限', en: 'Due date' },
  committedDate: { 'zh-CN': '承诺办理日期', en: 'Committed date' },
  simplified: { 'zh-CN': '简易办理', en: 'Simplified handling' },
  days: { 'zh-CN': '延长天数', en: 'Days' },
  unitCode: { 'zh-CN': '办理单位', en: 'Handling unit' },
  approved: { 'zh-CN': '审核结论', en: 'Approval' },
  note: { 'zh-CN': '说明', en: 'Note' },
  repeatOf: { 'zh-CN': '原信访事项编号', en: 'Earlier petition number' },
  actor: { 'zh-CN': '操作人', en: 'Actor' },
  action: { 'zh-CN': '操作类型', en: 'Action' },
  outcome: { 'zh-CN': '操作结果', en: 'Outcome' },
  resourceType: { 'zh-CN': '对象类型', en: 'Resource type' },
  resourceId: { 'zh-CN': '对象标识', en: 'Resource id' },
  from: { 'zh-CN': '开始时间', en: 'From' },
  to: { 'zh-CN': '结束时间', en: 'To' },
  version: { 'zh-CN': '版本号', en: 'Version' },
  body: { 'zh-CN': '请求内容', en: 'Request body' },
};

type Template = (label: string, params: Record<string, string | number>) => string;

const TEMPLATES: Record<string, Record<Language, Template>> = {
  isNotEmpty: { 'zh-CN': (f) => `${f}不能为空`, en: (f) => `${f} is required` },
  isDefined: { 'zh-CN': (f) => `${f}不能为空`, en: (f) => `${f} is required` },
  isNotBlank: { 'zh-CN': (f) => `${f}不能为空，也不能只有空格`, en: (f) => `${f} must not be empty or only white space` },
  malformedText: {
    'zh-CN': (f) => `${f}含有无法保存的字符（不成对的代理项），请删除后重新输入`,
    en: (f) => `${f} contains a character that cannot be stored (an unpaired surrogate); remove it and try again`,
  },
  maxLength: {
    'zh-CN': (f, p) => `${f}不能超过${p.max}个字`,
    en: (f, p) => `${f} must be at most ${p.max} characters`,
  },
  minLength: {
    'zh-CN': (f, p) => `${f}至少需要${p.min}个字`,
    en: (f, p) => `${f} must be at least ${p.min} characters`,
  },
  isIn: {
    'zh-CN': (f, p) => `${f}必须是以下之一：${p.values}`,
    en: (f, p) => `${f} must be one of: ${p.values}`,
  },
  isInt: { 'zh-CN': (f) => `${f}必须是整数`, en: (f) => `${f} must be a whole number` },
  isString: { 'zh-CN': (f) => `${f}必须是文本`, en: (f) => `${f} must be text` },
  isBoolean: { 'zh-CN': (f) => `${f}必须是 true 或 false`, en: (f) => `${f} must be true or false` },
  isArray: { 'zh-CN': (f) => `${f}必须是列表`, en: (f) => `${f} must be a list` },
  isObject: {
    'zh-CN': (f) => `${f}格式不正确：每一项都应是一个对象（{…}）`,
    en: (f) => `${f} is malformed: each item must be an object ({…})`,
  },
  isIso8601: {
    'zh-CN': (f) => `${f}必须是 ISO 8601 格式的日期或时间，如 2026-01-31 或 2026-01-31T08:00:00+08:00`,
    en: (f) => `${f} must be an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T08:00:00+08:00`,
  },
  min: { 'zh-CN': (f, p) => `${f}不能小于${p.min}`, en: (f, p) => `${f} must be at least ${p.min}` },
  max: { 'zh-CN': (f, p) => `${f}不能大于${p.max}`, en: (f, p) => `${f} must be at most ${p.max}` },
  arrayMinSize: {
    'zh-CN': (f, p) => `请至少填写${p.min}位${f}`,
    en: (f, p) => `${f}: at least ${p.min} needed`,
  },
  arrayMaxSize: {
    'zh-CN': (f, p) => `${f}最多${p.max}位`,
    en: (f, p) => `${f}: at most ${p.max} allowed`,
  },
  whitelistValidation: {
    'zh-CN': (f) => `不认识的字段「${f}」，请删除后重试`,
    en: (f) => `Unknown field "${f}"; remove it and try again`,
  },
  residentIdFormat: {
    'zh-CN': (f) => `${f}应为18位居民身份证号码（前17位为数字，最后一位为数字或X）`,
    en: (f) => `${f} must be an 18-character resident ID number (17 digits, then a digit or X)`,
  },
  residentIdBirthDate: {
    'zh-CN': (f) => `${f}中的出生日期不存在，请核对第7至14位`,
    en: (f) => `${f} contains a birth date that does not exist; check characters 7 to 14`,
  },
  residentIdCheckDigit: {
    'zh-CN': (f) => `${f}校验位不正确，请核对是否输错`,
    en: (f) => `${f} has a wrong check digit; it was probably mistyped`,
  },
  isEmail: {
    'zh-CN': (f) => `${f}格式不正确，例如 name@example.com`,
    en: (f) => `${f} must be an e-mail address such as name@example.com`,
  },
  phone: {
    'zh-CN': (f) => `${f}应为11位手机号码或带区号的固定电话`,
    en: (f) => `${f} must be an 11-digit mobile number or a landline with area code`,
  },
  unknownRegion: {
    'zh-CN': (f, p) => `${f}代码「${p.value}」不存在，请从区划列表中选择`,
    en: (f, p) => `${f} code "${p.value}" does not exist; pick one from the region list`,
  },
  tooManyPetitioners: {
    'zh-CN': (f, p) => `${f}人数（${p.count}）多于信访人数（${p.personCount}）`,
    en: (f, p) => `There are more ${f.toLowerCase()} (${p.count}) than persons (${p.personCount})`,
  },
  reasonRequired: {
    'zh-CN': (f) => `${f}不能为空：除受理外，其他决定都要说明理由`,
    en: (f) => `${f} is required for every decision except accept`,
  },
  targetRequired: {
    'zh-CN': (f) => `转办、交办时必须选择${f}`,
    en: (f) => `${f} is required to transfer or assign down`,
  },
  unknownRepeat: {
    'zh-CN': (f, p) => `${f}「${p.value}」不存在，或不是这位信访人的信访事项`,
    en: (f, p) => `${f} "${p.value}" does not exist or is not this petitioner's`,
  },
  unsupportedFile: {
    'zh-CN': (_f, p) => `文件「${p.value}」不是 .bpmn、.dmn 或 .form 文件`,
    en: (_f, p) => `File "${p.value}" is not a .bpmn, .dmn or .form file`,
  },
  ...deploymentTemplates(),
};

/** What the deployment guard (src/camunda/deployment-guard) refuses: params file, element, detail, expression, allowed. */
function deploymentTemplates(): Record<string, Record<Language, Template>> {
  const where = {
    'zh-CN': (p: Record<string, string | number>) => `文件「${p.file}」的元素「${p.element}」`,
    en: (p: Record<string, string | number>) => `File "${p.file}", element "${p.element}": `,
  };
  const code = (zh: (p: Record<string, string | number>) => string, en: (p: Record<string, string | number>) => string) => ({
    'zh-CN': (_f: string, p: Record<string, string | number>) =>
      `${where['zh-CN'](p)}${zh(p)}，未部署。运维人员可设置 DEPLOY_ALLOW_CODE=true 明确允许`,
    en: (_f: string, p: Record<string, string | number>) =>
      `${where.en(p)}${en(p)}; nothing was deployed. An operator may allow this explicitly with DEPLOY_ALLOW_CODE=true`,
  });
  const external = { zh: '请改用外部任务（camunda:type="external"）', en: 'use an external task (camunda:type="external") instead' };
  return {
    deploymentNotUtf8: {
      'zh-CN': (_f, p) => `文件「${p.file}」不是 UTF-8 编码（${p.detail}），无法检查，未部署`,
      en: (_f, p) => `File "${p.file}" is not UTF-8 encoded (${p.detail}), so it cannot be checked; nothing was deployed`,
    },
    deploymentDoctype: {
      'zh-CN': (_f, p) => `文件「${p.file}」含有 DOCTYPE 声明，不允许部署，请删除该声明`,
      en: (_f, p) => `File "${p.file}" has a DOCTYPE declaration, which is not allowed; remove it`,
    },
    deploymentScript: code(
      (p) => `含有脚本（${p.detail}），脚本会在流程引擎服务器上运行；${external.zh}`,
      (p) => `scripts are not allowed (${p.detail}), they run on the engine host; ${external.en}`,
    ),
    deploymentJavaClass: code(
      (p) => `引用了 Java 类（${p.detail}）；${external.zh}`,
      (p) => `Java classes are not allowed (${p.detail}); ${external.en}`,
    ),
    deploymentDelegateExpression: code(
      (p) => `使用了委托表达式（${p.detail}）；${external.zh}`,
      (p) => `delegate expressions are not allowed (${p.detail}); ${external.en}`,
    ),
    deploymentConnector: code(
      (p) => `使用了连接器（${p.detail}）；${external.zh}`,
      (p) => `connectors are not allowed (${p.detail}); ${external.en}`,
    ),
    deploymentServiceType: code(
      (p) => `使用了不允许的任务类型（${p.detail}）；${external.zh}`,
      (p) => `this task type is not allowed (${p.detail}); ${external.en}`,
    ),
    deploymentExpressionLanguage: code(
      (p) => `使用了不允许的表达式语言（${p.detail}），只能使用 FEEL 或 JUEL`,
      (p) => `this expression language is not allowed (${p.detail}); use FEEL or JUEL`,
    ),
    deploymentMethodCall: code(
      (p) => `的表达式 ${p.expression} 调用了 ${p.detail}。表达式只能使用变量、运算符和以下成员：${p.allowed}`,
      (p) => `expression ${p.expression} calls ${p.detail}, which is not allowed. Expressions may use variables, operators and only these members: ${p.allowed}`,
    ),
    deploymentMemberAccess: code(
      (p) => `的表达式 ${p.expression} 访问了 ${p.detail}。表达式只能使用变量、运算符和以下成员：${p.allowed}`,
      (p) => `expression ${p.expression} reads ${p.detail}, which is not allowed. Expressions may use variables, operators and only these members: ${p.allowed}`,
    ),
    deploymentUnreadableExpression: code(
      (p) => `的表达式 ${p.expression} 无法检查（${p.detail}），因此不允许`,
      (p) => `expression ${p.expression} cannot be checked (${p.detail}), so it is not allowed`,
    ),
    deploymentFormNotJson: {
      'zh-CN': (_f, p) => `表单文件「${p.file}」不是有效的 JSON（${p.detail}），未部署`,
      en: (_f, p) => `Form file "${p.file}" is not valid JSON (${p.detail}); nothing was deployed`,
    },
    deploymentFormWithoutId: {
      'zh-CN': (_f, p) => `表单文件「${p.file}」缺少文本类型的顶层 id（表单的标识，${p.detail}），未部署；没有 id 的表单不会出现在表单目录中`,
      en: (_f, p) =>
        `Form file "${p.file}" has no top-level "id" text (the form's key; ${p.detail}), so nothing was deployed; a form without one would never appear in the catalogue`,
    },
  };
}

function labelOf(field: string, lang: Language): string {
  const parts = field.split('.');
  const words = parts.map((part) => {
    const match = /^(\w+)\[(\d+)\]$/.exec(part);
    if (match) {
      const base = FIELD_LABELS[match[1]]?.[lang] ?? match[1];
      const n = Number(match[2]) + 1;
      return lang === 'zh-CN' ? `第${n}位${base}` : `${base} ${n}`;
    }
    return FIELD_LABELS[part]?.[lang] ?? part;
  });
  return lang === 'zh-CN' ? words.join('的') : words.join(': ');
}

export function describeProblem(problem: FieldProblem, lang: Language): string {
  const label = labelOf(problem.field, lang);
  const template = TEMPLATES[problem.code]?.[lang];
  if (template) return template(label, problem.params ?? {});
  return problem.fallback ?? `${label}: ${problem.code}`;
}
