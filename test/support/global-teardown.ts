export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__STACK__ as { stop(): Promise<void> } | undefined;
  await stack?.stop();
  const providers = (globalThis as Record<string, unknown>).__NOTICE_PROVIDERS__ as { stop(): Promise<void> } | undefined;
  await providers?.stop();
}
