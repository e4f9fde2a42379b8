// Copying a short text (the query code) for the person at the desk.

type ClipboardHost = { clipboard?: Pick<Clipboard, 'writeText'> };

/**
 * Puts `text` on the clipboard: through the Clipboard API where the page may use it (HTTPS or
 * localhost), otherwise through a hidden text area and the older copy command (an intranet served
 * over plain HTTP). Resolves to whether it worked.
 */
export async function copyText(text: string, nav: ClipboardHost | undefined = globalThis.navigator, doc: Document = document): Promise<boolean> {
  try {
    if (nav?.clipboard?.writeText) {
      await nav.clipboard.writeText(text);
      return true;
    }
  } catch {
    // refused (no permission, not focused): try the older way
  }
  const focused = doc.activeElement as HTMLElement | null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  try {
    area.select();
    return typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    focused?.focus?.();
  }
}
