// The system administrator's calls to the API.
import { api } from '@/api';
import type { NoticeTemplateRow, NoticeTemplateVersion } from './templates';

const path = (kind: string) => `/admin/notice-templates/${encodeURIComponent(kind)}`;

export const adminApi = {
  /** Every notice with the wording in use and the variables it may use. */
  noticeTemplates: () => api.get<NoticeTemplateRow[]>('/admin/notice-templates'),
  /** The saved wordings of a notice, newest first (the built-in default, version 0, is not among them). */
  templateVersions: (kind: string) => api.get<NoticeTemplateVersion[]>(`${path(kind)}/versions`),
  /** A new version; notices already written keep the wording they were written with. */
  saveTemplate: (kind: string, body: string) => api.request<NoticeTemplateVersion>('PUT', path(kind), { body }),
};
