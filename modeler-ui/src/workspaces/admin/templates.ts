// 告知书模板: the shapes of /api/admin/notice-templates and the editor's own rules. The check mirrors
// the server's checkTemplate (src/notifications/templates/notice-templates.ts) so that the
// administrator sees a problem while typing rather than after a refused save; the server still
// decides. Pure, so that it is tested on its own.

/** The longest wording the server accepts (MAX_TEMPLATE_LENGTH). */
export const MAX_TEMPLATE_LENGTH = 2000;

/** Every notice names the matter it is about: the server refuses a wording without it. */
export const REQUIRED_VARIABLE = 'number';

export interface TemplateVariable {
  name: string;
  /** What it stands for, in Chinese (the notices are written in Chinese). */
  description: string;
}

/** A notice with the wording in use (GET /api/admin/notice-templates). */
export interface NoticeTemplateRow {
  kind: string;
  /** The document's title, in Chinese (信访事项受理告知书, …). */
  title: string;
  /** The article it rests on, e.g. 《信访工作条例》第二十三条. */
  article: string;
  /** 0: the wording the product ships with. */
  version: number;
  body: string;
  /** Not sent by the list today: filled from the versions when missing. */
  savedBy?: string | null;
  savedAt?: string | null;
  variables: TemplateVariable[];
}

/** A saved wording (GET …/:kind/versions, and the answer of PUT …/:kind). */
export interface NoticeTemplateVersion {
  id: string;
  kind: string;
  version: number;
  body: string;
  createdBy: string;
  createdAt: string;
}

export type TemplateProblem =
  | { code: 'empty' }
  | { code: 'too-long'; length: number; max: number }
  | { code: 'unknown'; names: string[] }
  | { code: 'missing-number' }
  | { code: 'unbalanced' };

/** Names as the server reads them: anything between {{ and }}, spaces around it ignored. */
const USED = /\{\{\s*([^}]*?)\s*\}\}/g;
/** A well-formed placeholder; what is left once these are gone must hold no {{ or }}. */
const PLACEHOLDER = /\{\{\s*[A-Za-z]+\s*\}\}/g;

/** The variable names a wording uses, in order, repeats included. */
export function usedVariables(body: string): string[] {
  return [...body.matchAll(USED)].map((m) => m[1] ?? '');
}

/**
 * What would make the server refuse this wording, all at once (the server names only the first).
 * `allowed`: the names of the notice's variables.
 */
export function templateProblems(body: string, allowed: readonly string[], max = MAX_TEMPLATE_LENGTH): TemplateProblem[] {
  if (!body.trim()) return [{ code: 'empty' }];
  const problems: TemplateProblem[] = [];
  if (body.length > max) problems.push({ code: 'too-long', length: body.length, max });
  const used = usedVariables(body);
  const unknown = [...new Set(used.filter((name) => !allowed.includes(name)))];
  if (unknown.length > 0) problems.push({ code: 'unknown', names: unknown });
  if (allowed.includes(REQUIRED_VARIABLE) && !used.includes(REQUIRED_VARIABLE)) problems.push({ code: 'missing-number' });
  if (/\{\{|\}\}/.test(body.replace(PLACEHOLDER, ''))) problems.push({ code: 'unbalanced' });
  return problems;
}

/** `{{name}}`, as written in a wording. */
export function placeholder(name: string): string {
  return `{{${name}}}`;
}

/**
 * The wording with `{{name}}` put in place of the selection [start, end) (a caret: start === end),
 * and where the caret goes afterwards: just after it.
 */
export function insertVariable(body: string, name: string, start: number, end: number = start): { body: string; caret: number } {
  const from = clamp(Math.min(start, end), 0, body.length);
  const to = clamp(Math.max(start, end), 0, body.length);
  const text = placeholder(name);
  return { body: body.slice(0, from) + text + body.slice(to), caret: from + text.length };
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, low), high) : high;
}

/** A piece of the preview: plain text, a variable shown by what it stands for, or a name the notice lacks. */
export type PreviewSegment = { kind: 'text'; text: string } | { kind: 'variable'; name: string; text: string } | { kind: 'unknown'; text: string };

/**
 * The wording as a notice would read, each variable replaced by its description (the server's
 * renderTemplate fills values the same way; an unknown name stays as written). Rendered as text.
 */
export function previewSegments(body: string, variables: readonly TemplateVariable[]): PreviewSegment[] {
  const described = new Map(variables.map((v) => [v.name, v.description]));
  const segments: PreviewSegment[] = [];
  let at = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > at) segments.push({ kind: 'text', text: body.slice(at, index) });
    const name = /[A-Za-z]+/.exec(match[0])![0];
    const description = described.get(name);
    segments.push(description !== undefined ? { kind: 'variable', name, text: description } : { kind: 'unknown', text: match[0] });
    at = index + match[0].length;
  }
  if (at < body.length) segments.push({ kind: 'text', text: body.slice(at) });
  return segments;
}

/** Who saved the wording in use and when: from the row itself, else from its version in the history. */
export function savedOf(row: Pick<NoticeTemplateRow, 'version' | 'savedBy' | 'savedAt'>, versions: readonly NoticeTemplateVersion[] = []): { by: string; at: string } | null {
  if (row.version === 0) return null;
  if (row.savedBy && row.savedAt) return { by: row.savedBy, at: row.savedAt };
  const saved = versions.find((v) => v.version === row.version);
  return saved ? { by: saved.createdBy, at: saved.createdAt } : null;
}

/** The row once a new version was saved. */
export function withSaved(row: NoticeTemplateRow, saved: NoticeTemplateVersion): NoticeTemplateRow {
  return { ...row, version: saved.version, body: saved.body, savedBy: saved.createdBy, savedAt: saved.createdAt };
}

/** "2026-11-26 09:30", China time (UTC+8 all year), as the notices themselves date things. */
export function chinaDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
