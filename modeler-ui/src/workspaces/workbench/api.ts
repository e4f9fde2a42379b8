// The workbench's calls to the API. Reads go through the shared client; form submissions go through
// a client that also keeps the API's field errors (`errors[]` of a 400) so that forms can show them
// next to their fields.
import { api, ApiError, reportUnauthorized } from '@/api';
import { fetchBlob } from '@/api/blob';
import { createApiClient, type FetchLike } from '@/api/client';
import { session } from '@/auth/session';
import { currentLocale, translate } from '@/i18n';
import type { NoticePage, NoticeView } from '@/notices/types';
import type {
  FieldError,
  OrgUnit,
  PetitionDetail,
  PrintState,
  Region,
  Registered,
  Representative,
  ResendBody,
  ServedBody,
  TaskDetail,
  TaskFilter,
  TaskForm,
  TaskItem,
  TaskList,
} from './types';

/** An API error with the fields it names (empty unless the API answered 400 with `errors`). */
export class FieldApiError extends ApiError {
  readonly fieldErrors: FieldError[];
  constructor(error: ApiError, fieldErrors: FieldError[]) {
    super(error.message, error.kind, error.status);
    this.fieldErrors = fieldErrors;
  }
}

export function fieldErrorsOf(body: unknown): FieldError[] {
  const errors = body && typeof body === 'object' ? (body as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FieldError => !!e && typeof e === 'object' && typeof e.field === 'string' && typeof e.message === 'string',
  );
}


/** POST that turns a failure into a FieldApiError carrying the API's field errors. */
export async function submit<T>(path: string, body: unknown, fetchImpl?: FetchLike, headers?: Record<string, string>): Promise<T> {
  let fieldErrors: FieldError[] = [];
  const baseFetch: FetchLike = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  const client = createApiClient({
    baseUrl: '/api',
    translate,
    getToken: session.token,
    getLocale: currentLocale,
    onUnauthorized: reportUnauthorized,
    fetch: async (input, init) => {
      const response = await baseFetch(input, init);
      if (!response.ok) {
        try {
          fieldErrors = fieldErrorsOf(JSON.parse(await response.clone().text()));
        } catch {
          fieldErrors = [];
        }
      }
      return response;
    },
  });
  try {
    return await client.post<T>(path, body, headers);
  } catch (error) {
    if (error instanceof ApiError) throw new FieldApiError(error, fieldErrors);
    throw error;
  }
}

export interface TaskQuery {
  filter: TaskFilter;
  firstResult?: number;
  maxResults?: number;
  step?: string;
  number?: string;
}

export function taskQueryString(query: TaskQuery): string {
  const params = new URLSearchParams({ filter: query.filter });
  params.set('firstResult', String(query.firstResult ?? 0));
  params.set('maxResults', String(query.maxResults ?? 20));
  if (query.step) params.set('step', query.step);
  if (query.number?.trim()) params.set('number', query.number.trim());
  return params.toString();
}

export const workbenchApi = {
  tasks: (query: TaskQuery) => api.get<TaskList>(`/tasks?${taskQueryString(query)}`),
  task: (id: string) => api.get<TaskDetail>(`/tasks/${encodeURIComponent(id)}`),
  taskForm: (id: string) => api.get<TaskForm>(`/tasks/${encodeURIComponent(id)}/form`),
  claim: (id: string) => api.post<TaskItem>(`/tasks/${encodeURIComponent(id)}/claim`),
  complete: (id: string, body: Record<string, unknown>) => submit<void>(`/tasks/${encodeURIComponent(id)}/complete`, body),
  requestExtension: (id: string, body: { days: number; reason: string }) =>
    submit<{ id: string; days: number; status: string }>(`/tasks/${encodeURIComponent(id)}/extension`, body),
  petition: (id: string) => api.get<PetitionDetail>(`/petitions/${encodeURIComponent(id)}`),
  /** The key makes a retry after a lost answer return the first answer instead of a second case. */
  register: (body: Record<string, unknown>, idempotencyKey: string) =>
    submit<Registered>('/petitions', body, undefined, { 'Idempotency-Key': idempotencyKey }),
  regions: () => api.get<Region[]>('/org/regions'),
  /** 听证 in this task's step (handle-petition, decide-review, decide-re-review): 409 when it cannot be held. */
  requestHearing: (id: string, body: { initiatedBy: 'petitioner' | 'body'; reason: string }) =>
    submit<{ id: string; stage: string; requestedAt: string }>(`/tasks/${encodeURIComponent(id)}/hearing`, body),
  /** 群众代表名册: the caller's region, those below and above it (contacts masked). */
  representatives: (regionCode?: string) =>
    api.get<Representative[]>(`/representatives${regionCode ? `?${new URLSearchParams({ regionCode }).toString()}` : ''}`),
  addRepresentative: (body: Record<string, unknown>) => submit<Representative>('/representatives', body),
  deactivateRepresentative: (id: string) => api.post<Representative>(`/representatives/${encodeURIComponent(id)}/deactivate`),
  /** 群众代表参与查办. */
  inviteRepresentative: (petitionId: string, body: { representativeId: string; purpose?: string }) =>
    submit<void>(`/petitions/${encodeURIComponent(petitionId)}/representatives`, body),
  recordRepresentativeOpinion: (petitionId: string, body: { representativeId: string; opinion: string }) =>
    submit<{ id: string }>(`/petitions/${encodeURIComponent(petitionId)}/representative-opinions`, body),
  units: () => api.get<OrgUnit[]>('/org/units'),

  /** 登记回执 (PDF): only while the registrar still has the query code, which the API shows once. */
  receipt: (petitionId: string, queryCode: string) =>
    fetchBlob(`/petitions/${encodeURIComponent(petitionId)}/receipt`, { method: 'POST', body: { queryCode } }),
  /** The written notices to the case's petitioners (contacts masked). */
  notices: (petitionId: string) => api.get<NoticeView[]>(`/petitions/${encodeURIComponent(petitionId)}/notices`),
  noticeDocument: (id: string) => fetchBlob(`/notices/${encodeURIComponent(id)}/document.pdf`),
  /** A failed notice sent again, by the way and to the contact the petition office corrected. */
  resendNotice: (id: string, body: ResendBody) => submit<NoticeView>(`/notices/${encodeURIComponent(id)}/resend`, body),
  /** The failed deliveries within the caller's reach. */
  failedNotices: (page: number, pageSize: number) =>
    api.get<NoticePage>(`/notices?${new URLSearchParams({ status: 'failed', page: String(page), pageSize: String(pageSize) }).toString()}`),
  /** The letters of the caller's unit: to print, printed, posted. */
  printQueue: (state: PrintState, page: number, pageSize: number) =>
    api.get<NoticePage>(`/print-queue?${new URLSearchParams({ state, page: String(page), pageSize: String(pageSize) }).toString()}`),
  markPrinted: (id: string) => api.post<NoticeView>(`/notices/${encodeURIComponent(id)}/printed`),
  markPosted: (id: string, registeredMailNumber: string) =>
    submit<NoticeView>(`/notices/${encodeURIComponent(id)}/posted`, { registeredMailNumber }),
  /** 送达登记: for a reply notice, the rating and review windows then count from this day (Art. 35). */
  markServed: (id: string, body: ServedBody) => submit<NoticeView>(`/notices/${encodeURIComponent(id)}/served`, body),
};

/** The message to show for any failure: the API's own message when there is one. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return translate('errors.network');
}

// 办件台 (desk). Appended: the desk's own calls, kept apart from the calls above.
import type { DeskPerson, DeskSort, DeskTaskItem, DoneTask, TaskPage } from './types';

export interface DeskQuery extends TaskQuery {
  q?: string;
  sort?: DeskSort;
  awaiting?: 'approval';
}

export function deskQueryString(query: DeskQuery): string {
  const params = new URLSearchParams(taskQueryString(query));
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.sort) params.set('sort', query.sort);
  if (query.awaiting) params.set('awaiting', query.awaiting);
  return params.toString();
}

/**
 * The petition of each task a list showed: the task page then asks for the task and its petition at
 * the same time instead of one after the other.
 */
export const knownTaskPetitions = new Map<string, string>();

export const deskApi = {
  tasks: async (query: DeskQuery) => {
    const list = await api.get<{ total: number; items: DeskTaskItem[] }>(`/tasks?${deskQueryString(query)}`);
    for (const item of list.items) if (item.petition) knownTaskPetitions.set(item.id, item.petition.id);
    return list;
  },
  done: (firstResult: number, maxResults: number) =>
    api.get<{ total: number; items: DoneTask[] }>(`/tasks/done?firstResult=${firstResult}&maxResults=${maxResults}`),
  page: (id: string) => api.get<TaskPage>(`/tasks/${encodeURIComponent(id)}/page`),
  colleagues: (id: string) => api.get<DeskPerson[]>(`/tasks/${encodeURIComponent(id)}/colleagues`),
  unclaim: (id: string) => api.post<DeskTaskItem>(`/tasks/${encodeURIComponent(id)}/unclaim`),
  assign: (id: string, username: string) => submit<DeskTaskItem>(`/tasks/${encodeURIComponent(id)}/assign`, { username }),
  delegate: (id: string, username: string) => submit<DeskTaskItem>(`/tasks/${encodeURIComponent(id)}/delegate`, { username }),
};
