import { onScopeDispose, ref, watch } from 'vue';
import { reportUnauthorized } from '@/api';
import { session } from '@/auth/session';
import { currentLocale, translate } from '@/i18n';
import { asInboxItem, inboxApi, unreadOf, type InboxApi, type InboxItem } from './api';
import type { SseEvent } from './sse';
import { connectInboxStream, type InboxStream, type InboxStreamOptions } from './stream';

export interface UseInboxOptions {
  client?: InboxApi;
  connect?: (options: InboxStreamOptions) => InboxStream;
  /** How many of the latest items the list shows. */
  pageSize?: number;
  /** Timing of the stream (tests shorten it). */
  stream?: Partial<Pick<InboxStreamOptions, 'initialDelayMs' | 'maxDelayMs' | 'idleTimeoutMs' | 'random' | 'fetch'>>;
}

const messageOf = (e: unknown) => (e instanceof Error && e.message ? e.message : translate('errors.network'));

/**
 * The signed-in person's inbox: the unread count, kept live by the stream for as long as someone is
 * signed in (and dropped on sign-out), and the latest items, loaded when the list is opened and
 * joined by each new one the stream brings.
 */
export function useInbox(options: UseInboxOptions = {}) {
  const client = options.client ?? inboxApi;
  const connect = options.connect ?? connectInboxStream;
  const pageSize = options.pageSize ?? 20;

  const unread = ref(0);
  const items = ref<InboxItem[]>([]);
  const total = ref(0);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref('');
  /** The newest item the stream brought (announced to screen readers). */
  const latest = ref<InboxItem | null>(null);

  let stream: InboxStream | null = null;
  /** Once the stream has told the count, a slower answer of GET unread-count must not overwrite it. */
  let countFromStream = false;

  function onEvent(event: SseEvent): void {
    if (event.event !== 'unread' && event.event !== 'inbox') return;
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    const count = unreadOf(data);
    if (count !== null) {
      unread.value = count;
      countFromStream = true;
    }
    if (event.event !== 'inbox') return;
    const item = asInboxItem((data as { item?: unknown } | null)?.item);
    if (!item) return;
    latest.value = item;
    if (loaded.value && !items.value.some((i) => i.id === item.id)) {
      items.value = [item, ...items.value].slice(0, pageSize);
      total.value += 1;
    }
  }

  async function refreshCount(): Promise<void> {
    try {
      const count = unreadOf(await client.unreadCount());
      if (count !== null && !countFromStream) unread.value = count;
    } catch {
      // the stream tells it too
    }
  }

  async function load(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      const page = await client.list({ page: 1, pageSize });
      items.value = Array.isArray(page?.items) ? page.items : [];
      total.value = typeof page?.total === 'number' ? page.total : items.value.length;
      const count = unreadOf(page);
      if (count !== null) unread.value = count;
      loaded.value = true;
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loading.value = false;
    }
  }

  function setRead(ids: Set<string> | null, at: string): void {
    items.value = items.value.map((i) => (!i.readAt && (!ids || ids.has(i.id)) ? { ...i, readAt: at } : i));
  }

  /** Marks one item read (rejects with the API's message when that fails). */
  async function markRead(item: InboxItem): Promise<void> {
    if (item.readAt) return;
    await client.markRead(item.id);
    setRead(new Set([item.id]), new Date().toISOString());
    unread.value = Math.max(0, unread.value - 1);
  }

  /** Marks every item read; resolves to how many the API changed. */
  async function markAllRead(): Promise<number> {
    const answer = await client.markAllRead();
    setRead(null, new Date().toISOString());
    unread.value = 0;
    return typeof answer?.updated === 'number' ? answer.updated : 0;
  }

  function start(): void {
    if (stream) return;
    countFromStream = false;
    void refreshCount();
    stream = connect({
      getToken: session.token,
      getLocale: currentLocale,
      onEvent,
      onUnauthorized: reportUnauthorized,
      ...options.stream,
    });
  }

  function stop(): void {
    stream?.stop();
    stream = null;
  }

  function reset(): void {
    unread.value = 0;
    items.value = [];
    total.value = 0;
    loaded.value = false;
    error.value = '';
    latest.value = null;
  }

  // Signed in: live; signed out (or another person signed in): stopped and forgotten.
  watch(
    () => session.state.token,
    (token, before) => {
      stop();
      if (token !== before) reset();
      if (token) start();
    },
    { immediate: true },
  );
  onScopeDispose(stop);

  return { unread, items, total, loaded, loading, error, latest, load, markRead, markAllRead, stop };
}
