import { redactText } from '../publicity/redaction';

/**
 * How long a notice stays on the public board: 3 years after it was published (the acceptance, the
 * published result, the hearing day). No statute fixes it; it is a local rule chosen so that a notice
 * outlives every window it could matter for — the 30-day review and re-review windows (Art. 35, 36)
 * many times over, and the annual report of the year after (Art. 41) — and then goes, because an old
 * matter on a public page says something about a person's affairs and no longer serves public
 * scrutiny of the units. Changing it is a code change, reviewed like the rule it is.
 */
export const BOARD_RETENTION_YEARS = 3;

/** The oldest publication still shown at `now`. */
export function retentionCutoff(now: Date): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - BOARD_RETENTION_YEARS);
  return cutoff;
}

/**
 * The categories that appear on the board. Accusations (检举控告) never do, not even as a line
 * without a subject: the discipline body handling it, its date and the region chosen (down to a
 * village) can be enough to point at the accused, whom Art. 29 protects from learning of it.
 */
export const BOARD_CATEGORIES = ['suggestion', 'complaint'] as const;

/** Results after a reply (Art. 32): support, explain, reject. Declined and diverted matters are not replies. */
export const BOARD_RESULTS = ['support', 'explain', 'reject'] as const;

/**
 * The board lists the newest notices: paging reaches this many, and counts stop here (a larger total
 * is "1000+"; older notices are found by choosing a smaller region or a unit). A count that stops at
 * 1,001 rows keeps the first page fast with a million petitions.
 */
export const BOARD_MAX_ROWS = 1_000;
export const BOARD_MAX_PAGE_SIZE = 50;

/** Units a visitor can choose: those that accept and handle matters. */
export const BOARD_UNIT_KINDS = ['petition-office', 'handling-room', 'department'] as const;

/**
 * Free text as the board shows it: identifiers masked (ID, phone numbers, e-mail: redactText), and
 * every name given (the petitioners', the hearing's participants') reduced to its first character,
 * as names are masked everywhere else (张*).
 */
export function boardText(text: string, names: readonly string[] = []): string {
  let shown = redactText(text);
  const distinct = [...new Set(names.map((n) => n.trim()).filter((n) => Array.from(n).length >= 2))];
  // Longest first, so that "欧阳明" is masked before "欧阳" could split it.
  for (const name of distinct.sort((a, b) => b.length - a.length)) {
    const chars = Array.from(name);
    shown = shown.split(name).join(chars[0] + '*'.repeat(chars.length - 1));
  }
  return shown;
}

const REGION_CODE = /^\d{2,12}$/;
const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Codes and ids as the board takes them; anything else is refused before a query is built. */
export const wellFormed = {
  regionCode: (value: string) => REGION_CODE.test(value),
  unitCode: (value: string) => UNIT_CODE.test(value),
  petitionId: (value: string) => UUID.test(value),
};

/**
 * The figures each unit's month shows on the board (公告公示 of 目标管理考核): the rates the public can
 * judge a unit by. Only months that have ended are shown, so that a figure never changes under a reader.
 */
export const BOARD_FIGURES = ['timelyAcceptance', 'onTimeClosure', 'satisfaction'] as const;
