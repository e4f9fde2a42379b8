// What the tests of PDF actions share: a browser tab the page opens (or that a popup blocker refuses),
// the object URL it is shown, and a PDF as the API sends it.
import { vi } from 'vitest';

/** A PDF answer of the API. */
export const pdf = () => new Response(new Blob(['%PDF-1.4 test'], { type: 'application/pdf' }), { status: 200, headers: { 'Content-Type': 'application/pdf' } });

/**
 * window.open answered with a fake tab (or null: popups blocked); the tab's location, the object
 * URLs made and the downloads started are recorded.
 */
export function stubTabs(blocked = false) {
  const tab = { closed: false, close: vi.fn(), location: { href: '' } };
  const open = vi.spyOn(window, 'open').mockImplementation(() => (blocked ? null : (tab as unknown as Window)));
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:pdf-1');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  const downloads: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
  return { open, tab, downloads };
}
