import { api } from '@/api';
import { failureOf, fetchBlob } from '@/api/blob';
import { ApiError } from '@/api/client';
import { session } from '@/auth/session';
import { currentLocale, translate } from '@/i18n';
import type { NoticePage, NoticeStatus } from '@/notices/types';
import { asDeliveryPage, deliveriesQuery } from './deliveries';
import { fileNameFrom, reportQuery } from './labels';
import type { NoticeKind, NoticeList, OrgRegion, OrgUnit, OverdueFilters, OverdueReport } from './types';

function filterParams(filters: OverdueFilters) {
  return {
    level: filters.level,
    unitCode: filters.unitCode,
    step: filters.step,
    minDaysOverdue: filters.minDaysOverdue,
    window: filters.window,
  };
}

export function fetchOverdue(filters: OverdueFilters, firstResult: number, maxResults: number): Promise<OverdueReport> {
  return api.get<OverdueReport>(`/reports/overdue${reportQuery({ ...filterParams(filters), firstResult, maxResults })}`);
}

export function fetchUnits(): Promise<OrgUnit[]> {
  return api.get<OrgUnit[]>('/org/units');
}

export function fetchRegions(): Promise<OrgRegion[]> {
  return api.get<OrgRegion[]>('/org/regions');
}

export function issueSupervision(taskId: string, kind: 'reminder' | 'supervision', note?: string) {
  return api.post<{ id: string; kind: string; issuedAt: string; feedbackDueAt: string | null }>('/supervision', {
    taskId,
    kind,
    ...(note && note.trim() ? { note: note.trim() } : {}),
  });
}

export function fetchNotices(query: { kind?: NoticeKind | ''; awaitingFeedback?: boolean; firstResult: number; maxResults: number }) {
  return api.get<NoticeList>(
    `/supervision${reportQuery({
      kind: query.kind,
      awaitingFeedback: query.awaitingFeedback ? 'true' : undefined,
      firstResult: query.firstResult,
      maxResults: query.maxResults,
    })}`,
  );
}

/** The written notices of the units within the caller's reach, by delivery status. */
export async function fetchDeliveries(status: NoticeStatus, page: number, pageSize: number): Promise<NoticePage> {
  return asDeliveryPage(await api.get<unknown>(`/notices${deliveriesQuery(status, page, pageSize)}`));
}

/** A notice's PDF, fetched with the bearer token (a bare link to documentUrl would carry none). */
export function fetchNoticeDocument(id: string): Promise<Blob> {
  return fetchBlob(`/notices/${encodeURIComponent(id)}/document.pdf`);
}

export function answerNotice(id: string, text: string) {
  return api.post<{ id: string; feedbackAt: string; late: boolean }>(`/supervision/${encodeURIComponent(id)}/feedback`, { text });
}

/**
 * Downloads the Excel export with the bearer token (a bare link would carry none) and hands it to
 * the browser as a file. Returns the file name.
 */
export async function downloadOverdueExcel(filters: OverdueFilters, doFetch: typeof fetch = (i, init) => globalThis.fetch(i, init)): Promise<string> {
  const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await doFetch(`/api/reports/overdue.xlsx${reportQuery(filterParams(filters))}`, { headers });
  } catch {
    throw new ApiError(translate('errors.network'), 'network');
  }
  if (!response.ok) throw await failureOf(response, token);
  const blob = await response.blob();
  const name = fileNameFrom(response.headers.get('Content-Disposition'), 'overdue-report.xlsx');
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}

export interface ActivityHeat {
  processKey: string;
  at: string;
  activities: { activityId: string; open: number; overdue: number }[];
}

export function fetchActivityHeat(processKey: string): Promise<ActivityHeat> {
  return api.get<ActivityHeat>(`/reports/activity-heat?processKey=${encodeURIComponent(processKey)}`);
}

export function fetchProcessXml(processKey: string): Promise<{ bpmn20Xml: string }> {
  return api.get<{ bpmn20Xml: string }>(`/processes/${encodeURIComponent(processKey)}/xml`);
}
