// 决策表和表单编辑器 (process administrators). Every key must also exist in en.ts.
export default {
  invalidKey: '标识须以字母或下划线开头，只能包含字母、数字、“-”、“_”、“.”，最长 64 个字符',
  import: '导入文件',
  download: '下载文件',
  deploy: '部署新版本',
  deploying: '正在部署…',
  deployed: '已部署 {key} 版本 {version}',
  unchanged: '内容与已部署版本相同，未产生新版本',
  deployFailed: '部署失败',
  importFailed: '文件无法导入：{message}',
  exportFailed: '无法导出：{message}',
  renderFailed: '内容无法显示：{message}',
  blocked: '存在 {count} 个问题，修正后才能部署',
  nothingChanged: '与已部署版本相同，无需部署',
  problems: {
    summary: '问题 {count}',
  },
  changes: {
    summary: '变更 {count}',
  },
  dmn: {
    drd: '决策需求图',
    editProperties: '全部属性（标识、名称、版本标签…）',
    ttl: '历史保留天数',
    ttlHint: '引擎要求每个决策设置历史数据保留时间',
    checks: {
      decisionId: '决策缺少标识（ID）',
      decisionName: '决策缺少名称',
      noInput: '决策表至少需要一个输入列',
      noOutput: '决策表至少需要一个输出列',
      inputTypeRef: '输入列缺少数据类型',
      outputTypeRef: '输出列缺少数据类型',
      duplicateId: '标识（ID）重复',
      historyTimeToLive: '决策缺少历史数据保留时间（History time to live）',
    },
  },
  form: {
    checks: {
      formId: '表单缺少标识（id）',
      formIdMismatch: '表单标识须与已部署的表单一致：{value}',
      schemaVersion: '表单缺少 schemaVersion',
      missingKey: '输入组件缺少键（key）',
      duplicateKey: '多个输入组件使用同一个键：{value}',
      invalidJson: '文件不是有效的表单 JSON',
    },
    untranslated: '表单设计器的组件分组、搜索框和属性面板暂只提供英文界面',
  },
};
