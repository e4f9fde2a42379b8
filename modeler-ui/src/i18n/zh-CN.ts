// Simplified Chinese catalogue (default language).
// Every key here must also exist in en.ts (checked by tests/i18n.spec.ts).
// vue-i18n syntax: {name} is a placeholder; do not use "@", "|", "{" or "}" literally.
import inbox from '@/inbox/i18n/zh-CN';
import editors from '@/modeler/i18n/zh-CN';
import notices from '@/notices/i18n/zh-CN';
import admin from '@/workspaces/admin/i18n/zh-CN';
import publicPage from '@/workspaces/public/i18n/zh-CN';
import assessment from '@/workspaces/supervision/assessment/i18n/zh-CN';
import annualReport from '@/workspaces/supervision/annual-report/i18n/zh-CN';
import supervision from '@/workspaces/supervision/i18n/zh-CN';
import workbench from '@/workspaces/workbench/i18n/zh-CN';

const zhCN = {
  app: {
    name: '信访工作流程平台',
  },
  lang: {
    label: '语言',
    'zh-CN': '中文',
    en: 'English',
  },
  common: {
    loading: '加载中…',
    retry: '重试',
  },
  login: {
    followCase: '信访人：查询办理进度',
    title: '用户登录',
    subtitle: '请使用工作账号登录',
    username: '用户名',
    password: '密码',
    usernamePlaceholder: '请输入用户名',
    passwordPlaceholder: '请输入密码',
    submit: '登录',
    submitting: '正在登录…',
    failed: '登录失败',
    sessionExpired: '登录已失效，请重新登录',
    rules: {
      usernameRequired: '请输入用户名',
      passwordRequired: '请输入密码',
    },
  },
  shell: {
    navigation: '功能导航',
    skipToMain: '跳到主要内容',
  },
  header: {
    signOut: '退出登录',
    signedInAs: '当前用户',
  },
  processes: {
    title: '已部署流程',
    empty: '暂无已部署的流程',
    key: '标识',
    version: '版本 {version}',
    refresh: '刷新',
    loadFailed: '流程列表加载失败',
  },
  definitions: {
    versionCount: '共 {count} 个版本',
    versions: '版本',
    draft: '新建，未部署',
    oldVersion: '历史版本',
    oldVersionEdit: '历史版本：部署后成为新版本（当前最新为版本 {latest}）',
    import: '从文件新建',
    importUnknown: '无法识别文件「{name}」：需要 .bpmn、.dmn 或 .form 文件，且其中有流程、决策或表单的标识',
    importExisting: '「{key}」已部署，已为您打开；请在编辑器中用“导入文件”替换其内容，以便查看变更',
    process: {
      tab: '流程',
      title: '已部署流程',
      empty: '暂无已部署的流程',
      usage: '运行中 {count}',
      noSelection: '请在左侧选择一个流程',
    },
    decision: {
      tab: '决策',
      title: '已部署决策表',
      empty: '暂无已部署的决策表',
      usage: '已执行 {count} 次',
      noSelection: '请在左侧选择一个决策表',
    },
    form: {
      tab: '表单',
      title: '已部署表单',
      empty: '暂无已部署的表单',
      noSelection: '请在左侧选择一个表单',
    },
    new: {
      button: '新建',
      title: '新建定义',
      kind: '类型',
      key: '标识',
      keyHint: '字母开头，可含字母、数字、-、_、.',
      name: '名称',
      keyRequired: '请填写标识',
      keyInvalid: '标识须以字母或下划线开头，只含字母、数字、-、_、.，不超过 64 个字符',
      keyTaken: '「{key}」已存在，请换一个标识，或打开它部署新版本',
      nameRequired: '请填写名称',
      cancel: '取消',
      create: '创建',
    },
  },
  diagram: {
    loading: '正在加载流程图…',
    loadFailed: '流程图加载失败',
    renderFailed: '流程图无法显示：{message}',
    noSelection: '请在左侧选择一个流程',
    zoomIn: '放大',
    zoomOut: '缩小',
    fit: '适应窗口',
  },
  modeler: {
    readOnly: '只读查看',
    import: '导入文件',
    download: '下载 XML',
    deploy: '部署新版本',
    deploying: '正在部署…',
    deployed: '已部署 {key} 版本 {version}',
    unchanged: '内容与已部署版本相同，未产生新版本',
    deployFailed: '部署失败',
    deployBlocked: '存在 {count} 个错误，修正后才能部署',
    importFailed: '文件无法导入：{message}',
    exportFailed: '无法导出流程图：{message}',
    discard: {
      title: '放弃修改',
      message: '当前流程有 {count} 处未部署的修改，离开后将丢失。确定离开吗？',
      confirm: '放弃修改',
      cancel: '继续编辑',
    },
    tabs: {
      properties: '属性',
      lint: '检查',
      changes: '变更',
    },
    lint: {
      summary: '错误 {errors} · 警告 {warnings}',
      none: '未发现问题',
      error: '错误',
      warn: '警告',
      info: '提示',
    },
    rules: {
      adHocSubProcess: '临时子流程中不允许开始或结束事件',
      conditionalFlows: '顺序流缺少条件',
      endEventRequired: '流程缺少结束事件',
      eventBasedGateway: '事件网关的出口设置不正确',
      eventSubProcessTypedStartEvent: '事件子流程的开始事件缺少事件定义',
      fakeJoin: '多条流入的顺序流没有经网关汇合',
      labelRequired: '元素缺少名称',
      linkEvent: '链接事件未正确配对',
      noBpmndi: '元素缺少图形信息（BPMNDI）',
      noComplexGateway: '不支持复杂网关',
      noDisconnected: '元素未与流程连接',
      noDuplicateSequenceFlows: '存在重复的顺序流',
      noGatewayJoinFork: '网关同时汇合和分支',
      noImplicitEnd: '元素没有流出的顺序流（隐式结束）',
      noImplicitSplit: '元素隐式分支，应使用网关',
      noImplicitStart: '元素没有流入的顺序流（隐式开始）',
      singleBlankStartEvent: '存在多个空白开始事件',
      singleEventDefinition: '事件含有多个事件定义',
      startEventRequired: '流程缺少开始事件',
      subProcessBlankStartEvent: '子流程的开始事件必须为空白事件',
      superfluousGateway: '网关多余：只有一个来源和一个去向',
      historyTimeToLive: '流程缺少历史数据保留时间（History time to live）',
    },
    changes: {
      summary: '变更 {count}',
      none: '与已部署版本相同',
      added: '新增',
      removed: '删除',
      changed: '修改',
    },
  },
  errors: {
    network: '无法连接服务器，请稍后重试',
    timeout: '服务器响应超时，请稍后重试',
    unauthorized: '身份验证失败，请重新登录',
    forbidden: '您没有执行此操作的权限',
    notFound: '请求的内容不存在',
    server: '服务器出错（HTTP {status}），请稍后重试',
    http: '请求失败（HTTP {status}）',
    badResponse: '服务器返回的数据无法识别',
  },
  workbench,
  supervision,
  admin,
  publicPage,
  editors,
  inbox,
  notices,
  assessment,
  annualReport,
};

export type MessageSchema = typeof zhCN;

export default zhCN;
