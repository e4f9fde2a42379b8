// Showing a PDF the API drew (a notice, a registration receipt) for printing: in a new tab when the
// browser lets us open one, otherwise as a download.

export type PdfOutcome = 'opened' | 'downloaded';

/** How long the PDF's object URL stays valid: long enough for the tab to load and print it. */
const KEEP_URL_MS = 5 * 60_000;

/** Saves `url` as `fileName` through a temporary link. */
export function downloadUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * Call it straight from the click: the tab is opened before the PDF is requested, while the click
 * still counts as the person's own (a tab opened after waiting for the API is blocked as a popup),
 * and shown the PDF once it arrives. No tab (popups blocked): the PDF is downloaded instead. A failed
 * request closes the tab again and rejects.
 */
export async function openPdf(
  load: () => Promise<Blob>,
  fileName: string,
  host: Pick<Window, 'open'> = window,
): Promise<PdfOutcome> {
  let tab: Window | null = null;
  try {
    tab = host.open('', '_blank');
  } catch {
    tab = null;
  }
  let blob: Blob;
  try {
    blob = await load();
  } catch (error) {
    try {
      tab?.close();
    } catch {
      // already gone
    }
    throw error;
  }
  const pdf = blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
  const url = URL.createObjectURL(pdf);
  setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
  if (tab && !tab.closed) {
    try {
      tab.location.href = url;
      return 'opened';
    } catch {
      // the tab went elsewhere: download instead
    }
  }
  downloadUrl(url, fileName);
  return 'downloaded';
}

/** A file name without characters file systems refuse. */
export function pdfName(...parts: (string | null | undefined)[]): string {
  const base = parts
    .filter((p): p is string => !!p && p.trim() !== '')
    .map((p) => p.trim().replace(/[\\/:*?"<>|\s]+/g, '_'))
    .join('-');
  return `${base || 'document'}.pdf`;
}
