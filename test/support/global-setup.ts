import { join } from 'node:path';
import { startNoticeProviders } from './notice-providers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack, ROOT } = require('../../scripts/lib/stack.cjs');

/** One engine + API for the whole integration run; test files share it and create their own petitions. */
export default async function globalSetup(): Promise<void> {
  const db = process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';
  const outDir = join(ROOT, 'test-output', `integration-${db}`);
  const providers = await startNoticeProviders();
  (globalThis as Record<string, unknown>).__NOTICE_PROVIDERS__ = providers;
  const stack = await startStack({
    db,
    outDir,
    apiEnv: {
      // Two retries, 1 s then 2 s apart: the failure path ends in an incident within seconds.
      // A failed task comes back when its back-off has passed and a poll asks again, so the
      // long poll is kept shorter than the back-off.
      WORKER_MAX_RETRIES: '2',
      WORKER_RETRY_BASE_MS: '1000',
      WORKER_POLL_TIMEOUT_MS: '800',
      // An outage's budget: 3 retries, 1 s, 2 s, then capped at 2 s; the incident sweep every 3 s
      // (test/integration/incidents.spec.ts waits for it).
      WORKER_TRANSIENT_RETRIES: '3',
      WORKER_TRANSIENT_MAX_BACKOFF_MS: '2000',
      INCIDENT_SWEEP_MINUTES: '0.05',
      // Each test file calls from its own X-Forwarded-For address (harness.ts), as clients behind a
      // proxy would, so that rate limits count per file and a test can exhaust one deliberately.
      TRUST_PROXY: 'loopback',
      // Petitions whose process is missing are found within seconds (process-start.spec.ts).
      REPAIR_SWEEP_SECONDS: '2',
      // The full task-index reconcile runs in the APIs of periodic-jobs.spec.ts, which count its runs.
      TASK_INDEX_RECONCILE_MINUTES: '0',
      RATE_LIMIT_SIGN_IN: '30',
      // Notices go to local stand-ins of the providers (test/support/notice-providers.ts): Aliyun SMS
      // through its SDK, SMTP; retries 0.5 s, 1 s, then failed; a provider silent for 1.5 s has timed out.
      SMS_PROVIDER: 'aliyun',
      SMS_ENDPOINT: providers.smsEndpoint,
      SMS_PROTOCOL: 'http',
      SMS_ACCESS_KEY_ID: 'test-access-key',
      SMS_ACCESS_KEY_SECRET: 'test-access-secret',
      SMS_SIGN_NAME: '示范市信访局',
      SMS_TEMPLATE_CODES: 'default=SMS_900001,accept=SMS_900002,reply=SMS_900003',
      SMTP_URL: providers.smtpUrl,
      SMTP_FROM: '示范市信访局 <xinfang@demo.gov.cn>',
      NOTICE_RECEIPT_TOKEN: 'test-receipt-token',
      NOTICE_MAX_ATTEMPTS: '3',
      NOTICE_RETRY_BASE_MS: '500',
      NOTICE_RETRY_MAX_MS: '1000',
      NOTICE_SEND_TIMEOUT_MS: '1500',
      NOTICE_DISPATCH_IDLE_MS: '200',
      PUBLIC_URL: 'https://xinfang.demo.gov.cn',
      // Attachments of the run beside its database, not in the developer's data/ directory.
      ATTACHMENT_DIR: join(outDir, 'attachments'),
    },
  });
  (globalThis as Record<string, unknown>).__STACK__ = stack;
  process.env.TEST_STACK = JSON.stringify({
    apiUrl: stack.apiUrl,
    engineUrl: stack.engineUrl,
    engineUser: stack.engineUser,
    enginePassword: stack.enginePassword,
    database: stack.database,
    databaseUrl: stack.databaseUrl,
    logDir: stack.logDir,
    outDir,
    rateLimits: { signIn: 30, publicQuery: 60, maxFailedSignIns: 5 },
    noticeProviders: { controlUrl: providers.controlUrl, receiptToken: 'test-receipt-token' },
  });
}
