import { ref, watch } from 'vue';
import { useNoticePage } from '@/notices/use-notice-page';
import type { ListedNotice } from '@/notices/types';
import { workbenchApi } from '../api';
import type { PrintState } from '../types';

/** The print queue's lists (待打印, 已打印, 已邮寄) and the failed deliveries (发送失败). */
export type QueueTab = PrintState | 'failed';
export const QUEUE_TABS: readonly QueueTab[] = ['to-print', 'printed', 'posted', 'failed'];

export function isQueueTab(value: unknown): value is QueueTab {
  return typeof value === 'string' && (QUEUE_TABS as readonly string[]).includes(value);
}

/**
 * One page of the chosen list. The failed deliveries come from the list across cases that
 * supervision reads too (GET /api/notices?status=failed); the letters from the unit's print queue.
 */
export function usePrintQueue(initial: QueueTab, pageSize = 20) {
  const tab = ref<QueueTab>(initial);
  const list = useNoticePage<ListedNotice>(
    (page, size) => (tab.value === 'failed' ? workbenchApi.failedNotices(page, size) : workbenchApi.printQueue(tab.value, page, size)),
    pageSize,
  );
  watch(tab, list.restart);
  return { tab, ...list };
}
