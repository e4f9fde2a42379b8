// 站内通知: the signed-in person's inbox (tasks, reminders, supervision, failed deliveries).
import { api } from '@/api';

export type InboxKind = 'task' | 'reminder' | 'supervision' | 'discipline' | 'delivery-failed';

export interface InboxItem {
  id: string;
  kind: InboxKind | string;
  title: string;
  body: string | null;
  petitionId: string | null;
  petitionNumber: string | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  unread: number;
}

export interface InboxQuery {
  /** true: only the unread ones; left out: all of them, newest first. */
  unread?: boolean;
  page?: number;
  pageSize?: number;
}

export function inboxQueryString(query: InboxQuery = {}): string {
  const params = new URLSearchParams();
  if (query.unread !== undefined) params.set('unread', String(query.unread));
  params.set('page', String(query.page ?? 1));
  params.set('pageSize', String(query.pageSize ?? 20));
  return params.toString();
}

export const inboxApi = {
  list: (query: InboxQuery = {}) => api.get<InboxPage>(`/inbox?${inboxQueryString(query)}`),
  unreadCount: () => api.get<{ unread: number }>('/inbox/unread-count'),
  markRead: (id: string) => api.post<void>(`/inbox/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<{ updated: number }>('/inbox/read-all'),
};

export type InboxApi = typeof inboxApi;

/** An inbox item as the stream sends it, or null when the data is not one. */
export function asInboxItem(value: unknown): InboxItem | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<InboxItem>;
  if (typeof v.id !== 'string' || typeof v.title !== 'string') return null;
  return {
    id: v.id,
    kind: typeof v.kind === 'string' ? v.kind : 'task',
    title: v.title,
    body: typeof v.body === 'string' ? v.body : null,
    petitionId: typeof v.petitionId === 'string' ? v.petitionId : null,
    petitionNumber: typeof v.petitionNumber === 'string' ? v.petitionNumber : null,
    taskId: typeof v.taskId === 'string' ? v.taskId : null,
    createdAt: typeof v.createdAt === 'string' ? v.createdAt : new Date().toISOString(),
    readAt: typeof v.readAt === 'string' ? v.readAt : null,
  };
}

/** The unread count of an `unread` or `inbox` event's data, or null when it has none. */
export function unreadOf(value: unknown): number | null {
  const n = value && typeof value === 'object' ? (value as { unread?: unknown }).unread : undefined;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}
