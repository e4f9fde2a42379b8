// Shapes of the written notices (告知书) as the API answers them (src/notice-desk in the API). One
// home for both workspaces that show notices: the workbench (a case's notices, the print queue) and
// supervision (deliveries across units), so that a field the API adds is added once.

/** How written notices reach a petitioner. */
export type NoticeChannel = 'sms' | 'email' | 'letter';

/** sms / email: pending → sent → delivered, or failed after the last retry; letter: pending 待打印, sent 已打印, delivered 已邮寄. */
export type NoticeStatus = 'pending' | 'sent' | 'delivered' | 'failed';

/** How a printed letter reached the petitioner: handed over at the desk (当面送达) or by post (邮寄送达). */
export type NoticeServiceMethod = 'in-person' | 'post';

/**
 * A written notice to a petitioner (GET /api/petitions/:id/notices and the lists across cases). The
 * contact comes masked unless the caller's unit sends the notice.
 */
export interface NoticeView {
  id: string;
  kind: string;
  /** The document's title, in Chinese (受理告知书, …). */
  title: string;
  channel: NoticeChannel;
  status: NoticeStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  recipientName: string;
  recipientContact: string | null;
  printedAt: string | null;
  postedAt: string | null;
  registeredMailNumber: string | null;
  /** 送达: the day a letter reached the petitioner, as an instant (noon China time of that day). */
  servedAt: string | null;
  serviceMethod: NoticeServiceMethod | null;
  documentUrl: string;
}

/**
 * A notice in a list across cases (the print queue, the failed deliveries, the supervisors'
 * deliveries): it names its case. The number is null when the case cannot be read any more.
 */
export type ListedNotice = NoticeView & {
  petitionId: string;
  petitionNumber: string | null;
};

/** One page of such a list. */
export interface NoticePage {
  items: ListedNotice[];
  total: number;
}
