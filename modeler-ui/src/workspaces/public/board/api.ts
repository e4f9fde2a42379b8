import { api } from '@/api';
import { createApiClient, type FetchLike } from '@/api/client';
import { currentLocale, translate } from '@/i18n';

export const BOARD_SECTIONS = ['accepted', 'results', 'hearings'] as const;
export type BoardSection = (typeof BOARD_SECTIONS)[number];

export function isBoardSection(value: unknown): value is BoardSection {
  return typeof value === 'string' && (BOARD_SECTIONS as readonly string[]).includes(value);
}

export interface UnitRef {
  code: string;
  name: string;
}

/** 受理公示 */
export interface AcceptedNotice {
  id: string;
  category: string;
  subject: string;
  unit: UnitRef | null;
  acceptedAt: string;
  committedDate: string | null;
  dueDate: string | null;
  status: string;
}

/** 结果公示 */
export interface ResultNotice {
  id: string;
  category: string;
  subject: string | null;
  unit: UnitRef;
  result: string;
  publishedAt: string;
  status: string;
}

/** 听证公告 */
export interface HearingNotice {
  id: string;
  hearingId: string;
  category: string;
  subject: string;
  unit: UnitRef | null;
  stage: string;
  scheduledAt: string;
  place: string | null;
  held: boolean;
  conclusion: string | null;
  concludedAt: string | null;
}

export type BoardNotice = AcceptedNotice | ResultNotice | HearingNotice;

export interface BoardPage {
  section: BoardSection;
  region: { code: string; name: string; level: string } | null;
  unit: UnitRef | null;
  page: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
  retention: { years: number; since: string };
  items: BoardNotice[];
}

export interface BoardRegion {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface BoardUnit {
  code: string;
  name: string;
  kind: string;
  regionCode: string;
}

export interface BoardChoices {
  regions: BoardRegion[];
  units: BoardUnit[];
}

export interface BoardQuery {
  section: BoardSection;
  regionCode?: string;
  unitCode?: string;
  page: number;
  pageSize: number;
}

/** The board is read without a token: a signed-in supervisor reads the same page as everyone. */
function publicClient(doFetch?: FetchLike) {
  return createApiClient({ baseUrl: '/api', translate, getLocale: currentLocale, fetch: doFetch });
}

export function boardPath(query: BoardQuery): string {
  const params = new URLSearchParams({ section: query.section, page: String(query.page), pageSize: String(query.pageSize) });
  if (query.regionCode) params.set('regionCode', query.regionCode);
  if (query.unitCode) params.set('unitCode', query.unitCode);
  return `/public/board?${params}`;
}

/** GET /api/public/board */
export function fetchBoard(query: BoardQuery, doFetch?: FetchLike): Promise<BoardPage> {
  return publicClient(doFetch).get<BoardPage>(boardPath(query));
}

/** GET /api/public/board/regions */
export function fetchBoardChoices(doFetch?: FetchLike): Promise<BoardChoices> {
  return publicClient(doFetch).get<BoardChoices>('/public/board/regions');
}

export type ExclusionKind = 'withheld' | 'taken-down';

/** What the API takes as a reason (4 to 500 characters): checked before sending, so that a short one is not sent. */
export const REASON_MIN = 4;
export const REASON_MAX = 500;

export interface BoardExclusion {
  petitionId: string;
  number: string | null;
  matter: { category: string; subject: string | null } | null;
  kind: ExclusionKind;
  reason: string;
  excludedBy: string;
  excludedByUnit: UnitRef;
  excludedAt: string;
  lifted: { reason: string; by: string; at: string } | null;
}

/** POST /api/board/takedowns (撤下公示) or /api/board/withholdings (不予公示), as the signed-in supervisor. */
export function excludeFromBoard(kind: ExclusionKind, petitionId: string, reason: string): Promise<BoardExclusion> {
  return api.post<BoardExclusion>(kind === 'taken-down' ? '/board/takedowns' : '/board/withholdings', { petitionId, reason: reason.trim() });
}

/** DELETE /api/board/exclusions/:petitionId (恢复公示). */
export function restoreToBoard(petitionId: string, reason: string): Promise<BoardExclusion> {
  return api.request<BoardExclusion>('DELETE', `/board/exclusions/${encodeURIComponent(petitionId)}`, { reason: reason.trim() });
}

/** GET /api/board/exclusions: the caller's region's petitions kept off the board. */
export function fetchExclusions(page: number, pageSize: number): Promise<{ total: number; items: BoardExclusion[] }> {
  return api.get(`/board/exclusions?page=${page}&pageSize=${pageSize}`);
}

/** The id of a petition within the caller's reach, by its number (null: none, or not visible). */
export async function petitionIdByNumber(number: string): Promise<string | null> {
  const found = await api.get<{ items: { id: string; number: string }[] }>(`/petitions?number=${encodeURIComponent(number.trim().toUpperCase())}`);
  return found.items[0]?.id ?? null;
}

export interface BoardRate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export const BOARD_FIGURES = ['timelyAcceptance', 'onTimeClosure', 'satisfaction'] as const;
export type BoardFigure = (typeof BOARD_FIGURES)[number];

/** 考核数据公示: a region's and its units' rates of a month that has ended. */
export interface BoardFigures {
  month: string;
  region: { code: string; name: string; level: string };
  rows: { code: string; name: string; kind: 'region' | 'unit'; rates: Record<BoardFigure, BoardRate> }[];
}

/** GET /api/public/board/figures */
export function fetchBoardFigures(regionCode: string | undefined, doFetch?: FetchLike): Promise<BoardFigures> {
  return publicClient(doFetch).get<BoardFigures>(`/public/board/figures${regionCode ? `?regionCode=${encodeURIComponent(regionCode)}` : ''}`);
}
