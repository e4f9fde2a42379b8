// Dates on the public page are shown as the petitioner's receipt shows them: China time (UTC+8).
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** YYYY-MM-DD in China time; null for no date or one that cannot be read. */
export function chinaDay(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD HH:mm in China time. */
export function chinaMoment(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
