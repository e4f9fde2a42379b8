import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { translate } from '@/i18n';

/** What a failed request tells the user: the API's message in their language, or that the network failed. */
export function messageOf(e: unknown): string {
  return e instanceof Error && e.message ? e.message : translate('errors.network');
}

/**
 * Loads with `request` and hands on only the newest answer: when the user changes the query while an
 * answer is under way, the slower, older answer must not overwrite the newer one. A failure is shown
 * (a message, and `error` for an inline alert) and handed to `failed` to clear what is stale.
 */
export function useLatestAnswer<T>(request: () => Promise<T>, answered: (answer: T) => void, failed?: () => void) {
  const loading = ref(false);
  const error = ref('');
  let latest = 0;

  async function load(): Promise<void> {
    const mine = ++latest;
    loading.value = true;
    error.value = '';
    try {
      const answer = await request();
      if (mine === latest) answered(answer);
    } catch (e) {
      if (mine !== latest) return;
      error.value = messageOf(e);
      ElMessage.error(error.value);
      failed?.();
    } finally {
      if (mine === latest) loading.value = false;
    }
  }

  return { loading, error, load };
}
