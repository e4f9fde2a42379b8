// The case file's calls (卷宗 and its attachments), apart from the shared workbench client: files go
// up as multipart and come back as blobs fetched with the bearer token (never a token in a URL).
import { api, reportUnauthorized } from '@/api';
import { fetchBlob } from '@/api/blob';
import { ApiError, messageFromBody, type FetchLike } from '@/api/client';
import { session } from '@/auth/session';
import { currentLocale, translate } from '@/i18n';
import type { AttachmentStage } from './components/case-file/attachment-rules';
import type { PersonRef, PetitionDetail, UnitRef } from './types';

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  stage: AttachmentStage | string;
  taskId: string | null;
  uploadedAt: string;
  uploadedBy: PersonRef;
  unit: UnitRef | null;
}

export interface UploadRequest {
  files: readonly File[];
  stage: AttachmentStage;
  taskId?: string | null;
  fetch?: FetchLike;
}

const path = (id: string) => `/petitions/${encodeURIComponent(id)}/attachments`;

/** POST multipart: the API's `{ message }` (413 size, 415 type, 400 count) becomes the ApiError's message. */
export async function uploadAttachments(petitionId: string, request: UploadRequest): Promise<AttachmentView[]> {
  const body = new FormData();
  for (const file of request.files) body.append('file', file, file.name);
  body.append('stage', request.stage);
  if (request.taskId) body.append('taskId', request.taskId);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  const doFetch: FetchLike = request.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(`/api${path(petitionId)}`, { method: 'POST', headers, body });
  } catch {
    throw new ApiError(translate('errors.network'), 'network');
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.ok) return Array.isArray(parsed) ? (parsed as AttachmentView[]) : [];
  if (response.status === 401 && token) reportUnauthorized();
  throw new ApiError(messageFromBody(parsed) ?? translate('errors.http', { status: response.status }), 'http', response.status);
}

export const caseFileApi = {
  petition: (id: string) => api.get<PetitionDetail>(`/petitions/${encodeURIComponent(id)}`),
  attachments: (id: string) => api.get<AttachmentView[]>(path(id)),
  upload: uploadAttachments,
  /** The file's bytes (inline), for a preview through an object URL or a download. */
  content: (attachmentId: string) => fetchBlob(`/attachments/${encodeURIComponent(attachmentId)}/content`),
  download: (attachmentId: string) => fetchBlob(`/attachments/${encodeURIComponent(attachmentId)}/content?download=1`),
};
