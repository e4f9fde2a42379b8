import { ref, watch } from 'vue';
import { messageOf, workbenchApi } from '../api';
import type { NoticePage, NoticeView, PrintState, QueuedNotice } from '../types';

/** The print queue's lists (待打印, 已打印, 已邮寄) and the failed deliveries (发送失败). */
export type QueueTab = PrintState | 'failed';
export const QUEUE_TABS: readonly QueueTab[] = ['to-print', 'printed', 'posted', 'failed'];

export function isQueueTab(value: unknown): value is QueueTab {
  return typeof value === 'string' && (QUEUE_TABS as readonly string[]).includes(value);
}

/** One page of the chosen list; a newer request wins over an older one still under way. */
export function usePrintQueue(initial: QueueTab, pageSize = 20) {
  const tab = ref<QueueTab>(initial);
  const page = ref(1);
  const items = ref<QueuedNotice[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref('');
  let latest = 0;

  async function load(): Promise<void> {
    const request = ++latest;
    loading.value = true;
    error.value = '';
    try {
      const answer: NoticePage =
        tab.value === 'failed'
          ? await workbenchApi.failedNotices(page.value, pageSize)
          : await workbenchApi.printQueue(tab.value, page.value, pageSize);
      if (request !== latest) return;
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

  /** A row answered anew by the API (resent): shown as it is now, keeping its case. */
  function replace(updated: NoticeView): void {
    items.value = items.value.map((row) => (row.id === updated.id ? { ...row, ...updated } : row));
  }

  /** A row that moved on to the next list (printed, posted). */
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

  watch(tab, () => {
    if (page.value !== 1) page.value = 1; // loads through the page's watcher
    else void load();
  });
  watch(page, () => void load());

  return { tab, page, pageSize, items, total, loading, error, load, replace, remove };
}
