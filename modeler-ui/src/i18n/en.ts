// English catalogue. Must have exactly the same keys as zh-CN.ts.
import type { MessageSchema } from './zh-CN';

import editors from '@/modeler/i18n/en';
import publicPage from '@/workspaces/public/i18n/en';
import supervision from '@/workspaces/supervision/i18n/en';
import workbench from '@/workspaces/workbench/i18n/en';

const en: MessageSchema = {
  app: {
    name: 'Petition Workflow Platform',
  },
  lang: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
  },
  login: {
    followCase: 'Petitioners: follow your case',
    title: 'Sign in',
    subtitle: 'Sign in with your work account',
    username: 'User name',
    password: 'Password',
    usernamePlaceholder: 'Enter your user name',
    passwordPlaceholder: 'Enter your password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    failed: 'Sign-in failed',
    sessionExpired: 'Your session has expired. Please sign in again.',
    rules: {
      usernameRequired: 'Please enter your user name',
      passwordRequired: 'Please enter your password',
    },
  },
  shell: {
    navigation: 'Navigation',
  },
  header: {
    signOut: 'Sign out',
    signedInAs: 'Signed in as',
  },
  processes: {
    title: 'Deployed processes',
    empty: 'No processes have been deployed yet',
    key: 'Key',
    version: 'Version {version}',
    refresh: 'Refresh',
    loadFailed: 'Could not load the process list',
  },
  diagram: {
    loading: 'Loading the diagram…',
    loadFailed: 'Could not load the diagram',
    renderFailed: 'The diagram cannot be displayed: {message}',
    noSelection: 'Select a process on the left',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit to window',
  },
  modeler: {
    readOnly: 'Read only',
    import: 'Import file',
    download: 'Download XML',
    deploy: 'Deploy new version',
    deploying: 'Deploying…',
    deployed: 'Deployed {key} version {version}',
    unchanged: 'Same as the deployed version: no new version was created',
    deployFailed: 'Deployment failed',
    deployBlocked: '{count} error(s) must be fixed before deploying',
    importFailed: 'The file cannot be imported: {message}',
    exportFailed: 'The diagram cannot be exported: {message}',
    discard: {
      title: 'Discard changes',
      message: 'This process has {count} change(s) that are not deployed and will be lost. Leave anyway?',
      confirm: 'Discard changes',
      cancel: 'Keep editing',
    },
    tabs: {
      properties: 'Properties',
      lint: 'Checks',
      changes: 'Changes',
    },
    lint: {
      summary: 'Errors {errors} · Warnings {warnings}',
      none: 'No issues found',
      error: 'Error',
      warn: 'Warning',
      info: 'Info',
    },
    rules: {
      adHocSubProcess: 'Start and end events are not allowed in an ad-hoc sub-process',
      conditionalFlows: 'Sequence flow is missing a condition',
      endEventRequired: 'The process is missing an end event',
      eventBasedGateway: 'The outgoing flows of the event-based gateway are not valid',
      eventSubProcessTypedStartEvent: 'The start event of an event sub-process is missing an event definition',
      fakeJoin: 'Incoming flows do not join through a gateway',
      labelRequired: 'Element is missing a name',
      linkEvent: 'Link events do not pair up',
      noBpmndi: 'Element is missing its diagram information (BPMNDI)',
      noComplexGateway: 'Complex gateways are not supported',
      noDisconnected: 'Element is not connected',
      noDuplicateSequenceFlows: 'Duplicate sequence flows',
      noGatewayJoinFork: 'Gateway both joins and forks',
      noImplicitEnd: 'Element has no outgoing flow (implicit end)',
      noImplicitSplit: 'Flow splits implicitly: use a gateway',
      noImplicitStart: 'Element has no incoming flow (implicit start)',
      singleBlankStartEvent: 'More than one blank start event',
      singleEventDefinition: 'Event has more than one event definition',
      startEventRequired: 'The process is missing a start event',
      subProcessBlankStartEvent: 'The start event of a sub-process must be blank',
      superfluousGateway: 'Gateway is superfluous: it has only one source and one target',
      historyTimeToLive: 'The process is missing its history time to live',
    },
    changes: {
      summary: 'Changes {count}',
      none: 'Same as the deployed version',
      added: 'Added',
      removed: 'Removed',
      changed: 'Changed',
    },
  },
  errors: {
    network: 'Cannot reach the server. Please try again later.',
    timeout: 'The server did not respond in time. Please try again later.',
    unauthorized: 'Authentication failed. Please sign in again.',
    forbidden: 'You do not have permission to do this.',
    notFound: 'The requested item does not exist.',
    server: 'Server error (HTTP {status}). Please try again later.',
    http: 'The request failed (HTTP {status}).',
    badResponse: 'The server sent a response that could not be understood.',
  },
  workbench,
  supervision,
  publicPage,
  editors,
};

export default en;
