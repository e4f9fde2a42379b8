// A written notice (告知书) as the API answers it, for the tests of every page that shows notices
// (the case's notices, the print queue, the supervisors' deliveries): an SMS delivered to 张三 unless
// the test says otherwise, so that each test names only what matters to it.
import type { ListedNotice, NoticeView } from '@/notices/types';

export function noticeOf(extra: Partial<NoticeView> = {}): NoticeView {
  const id = extra.id ?? 'n1';
  return {
    id,
    kind: 'acceptance',
    title: '受理告知书',
    channel: 'sms',
    status: 'delivered',
    attempts: 1,
    lastError: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    sentAt: '2026-11-20T02:00:05.000Z',
    deliveredAt: '2026-11-20T02:00:09.000Z',
    failedAt: null,
    recipientName: '张三',
    recipientContact: '138****8000',
    printedAt: null,
    postedAt: null,
    registeredMailNumber: null,
    servedAt: null,
    serviceMethod: null,
    documentUrl: `/api/notices/${id}/document.pdf`,
    ...extra,
  };
}

/** The same notice in a list across cases, which names its case. */
export function listedOf(extra: Partial<ListedNotice> = {}): ListedNotice {
  return { ...noticeOf(extra), petitionId: 'p1', petitionNumber: 'XF-990102-2026-000001', ...extra };
}
