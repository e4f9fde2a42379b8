/**
 * `inline; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 5987): the plain parameter is an
 * ASCII stand-in for old clients (non-ASCII and quoting characters become "_"), the starred one the
 * name itself, percent-encoded.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
