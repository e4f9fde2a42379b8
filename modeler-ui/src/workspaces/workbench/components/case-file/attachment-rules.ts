// Quick client-side checks before an upload, mirroring the API's limits (src/attachments): a quick
// message for the obvious cases only. The server stays the judge: it detects the type from the
// content and may refuse what passes here; its message is then shown as it is.

export const ATTACHMENT_STAGES = ['materials', 'evidence', 'reply', 'other'] as const;
export type AttachmentStage = (typeof ATTACHMENT_STAGES)[number];

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILES_PER_UPLOAD = 20;

/** Extensions of the types the API accepts (PDF, images, Office documents, OFD, plain text). */
export const ACCEPTED_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'tif', 'tiff', 'doc', 'docx', 'xls', 'xlsx', 'ofd', 'txt'] as const;
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(',');

export type FileProblem = { file: string; reason: 'size' | 'type' | 'empty' } | { file: null; reason: 'count' };

interface FileLike {
  name: string;
  size: number;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The problems the client can see at once: too many files, an empty or over-size file, an unaccepted extension. */
export function fileProblems(files: readonly FileLike[]): FileProblem[] {
  const problems: FileProblem[] = [];
  if (files.length > MAX_FILES_PER_UPLOAD) problems.push({ file: null, reason: 'count' });
  for (const f of files) {
    if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(extensionOf(f.name))) problems.push({ file: f.name, reason: 'type' });
    else if (f.size === 0) problems.push({ file: f.name, reason: 'empty' });
    else if (f.size > MAX_FILE_BYTES) problems.push({ file: f.name, reason: 'size' });
  }
  return problems;
}

/** 1.5 MB, 320 KB, 12 B: sizes a clerk reads at a glance. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Images and PDFs open in the browser; the rest are downloaded. */
export function previewKind(mediaType: string): 'image' | 'pdf' | null {
  if (/^image\/(png|jpeg|gif|webp)$/.test(mediaType)) return 'image';
  if (mediaType === 'application/pdf') return 'pdf';
  return null;
}

/** The attachments by stage, in the order of the case (materials first), empty stages left out. */
export function byStage<T extends { stage: string }>(items: readonly T[]): { stage: string; items: T[] }[] {
  const order = [...ATTACHMENT_STAGES, ...new Set(items.map((i) => i.stage).filter((s) => !(ATTACHMENT_STAGES as readonly string[]).includes(s)))];
  return order.map((stage) => ({ stage, items: items.filter((i) => i.stage === stage) })).filter((g) => g.items.length > 0);
}
