export default {
  invalidKey:
    'The key must start with a letter or an underscore and contain only letters, digits, "-", "_" and "." (at most 64 characters)',
  import: 'Import file',
  download: 'Download file',
  deploy: 'Deploy new version',
  deploying: 'Deploying…',
  deployed: 'Deployed {key} version {version}',
  unchanged: 'Same as the deployed version; no new version was created',
  deployFailed: 'Deployment failed',
  importFailed: 'The file cannot be imported: {message}',
  exportFailed: 'Cannot export: {message}',
  renderFailed: 'The content cannot be shown: {message}',
  blocked: '{count} problem(s) must be fixed before deploying',
  nothingChanged: 'Same as the deployed version; nothing to deploy',
  problems: {
    summary: 'Problems {count}',
  },
  changes: {
    summary: 'Changes {count}',
  },
  dmn: {
    drd: 'Decision requirements',
    editProperties: 'All properties (ID, name, version tag…)',
    ttl: 'History time to live (days)',
    ttlHint: 'The engine requires a history time to live on every decision',
    checks: {
      decisionId: 'The decision has no ID',
      decisionName: 'The decision has no name',
      noInput: 'The decision table needs at least one input column',
      noOutput: 'The decision table needs at least one output column',
      inputTypeRef: 'The input column has no data type',
      outputTypeRef: 'The output column has no data type',
      duplicateId: 'Duplicate ID',
      historyTimeToLive: 'The decision has no history time to live',
    },
  },
  form: {
    checks: {
      formId: 'The form has no id',
      formIdMismatch: 'The form id must stay that of the deployed form: {value}',
      schemaVersion: 'The form has no schemaVersion',
      missingKey: 'The input has no key',
      duplicateKey: 'Several inputs use the same key: {value}',
      invalidJson: 'The file is not a valid form JSON',
    },
    untranslated: 'The form designer\'s palette groups, search box and properties panel are available in English only',
  },
};
