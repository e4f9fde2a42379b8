export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__STACK__ as { stop(): Promise<void> } | undefined;
  await stack?.stop();
}
