import { ref, watch, type Ref } from 'vue';
import { translate } from '@/i18n';

/** One page of a list as the API answers it. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Fetches one page of the list as it is chosen now (the caller's tab, filter, …). */
export type PageLoader<T> = (page: number, pageSize: number) => Promise<Page<T> | null | undefined>;

const messageOf = (e: unknown) => (e instanceof Error && e.message ? e.message : translate('errors.network'));

/**
 * One page of a list of notices (the print queue, the failed deliveries, the supervisors'
 * deliveries). Switching page or list while an answer is under way must not let the slower, older
 * answer overwrite the newer one, so only the latest request's answer is kept. Rows that move on
 * (printed, posted) leave the page; rows answered anew (resent, served) are replaced in place.
 */
export function useNoticePage<T extends { id: string }>(loader: PageLoader<T>, pageSize = 20) {
  const page = ref(1);
  // a Ref<T[]> rather than the deep-unwrapped type ref() infers, so that the rows keep their own type
  const items: Ref<T[]> = ref([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref('');
  let latest = 0;

  async function load(): Promise<void> {
    const request = ++latest;
    loading.value = true;
    error.value = '';
    try {
      const answer = await loader(page.value, pageSize);
      if (request !== latest) return;
      // an odd answer reads as an empty page, not a crash
      items.value = Array.isArray(answer?.items) ? answer.items : [];
      total.value = typeof answer?.total === 'number' ? answer.total : items.value.length;
    } catch (e) {
      if (request !== latest) return;
      error.value = messageOf(e);
      items.value = [];
      total.value = 0;
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  /** Another list was chosen: its first page. */
  function restart(): void {
    if (page.value !== 1) page.value = 1; // loads through the page's watcher
    else void load();
  }

  /** A row answered anew by the API (resent, served): shown as it is now, keeping what the list adds (its case). */
  function replace(updated: Partial<T> & { id: string }): void {
    items.value = items.value.map((row) => (row.id === updated.id ? { ...row, ...updated } : row));
  }

  /** A row that moved on to another list (printed, posted). */
  function remove(id: string): void {
    const before = items.value.length;
    items.value = items.value.filter((row) => row.id !== id);
    if (items.value.length < before) total.value = Math.max(0, total.value - 1);
    // the page emptied while others remain: show those (the page before, or this one refilled)
    if (items.value.length === 0 && total.value > 0) {
      if (page.value > 1) page.value -= 1;
      else void load();
    }
  }

  watch(page, () => void load());

  return { page, pageSize, items, total, loading, error, load, restart, replace, remove };
}
