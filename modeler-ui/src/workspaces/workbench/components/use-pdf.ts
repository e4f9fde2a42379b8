import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { openPdf } from '@/api/pdf';
import { messageOf } from '../api';

/**
 * PDFs the API draws (notices, the registration receipt), opened for printing in a new tab, or
 * downloaded when popups are blocked. `busy` names the one being fetched, for its button's spinner.
 */
export function usePdf() {
  const { t } = useI18n();
  const busy = ref<string | null>(null);

  /** Call it from the click itself (the tab is opened before anything is awaited). Resolves to whether the PDF was shown. */
  async function show(key: string, load: () => Promise<Blob>, fileName: string): Promise<boolean> {
    if (busy.value) return false;
    busy.value = key;
    try {
      const outcome = await openPdf(load, fileName);
      if (outcome === 'downloaded') ElMessage.info(t('workbench.pdf.downloaded'));
      return true;
    } catch (e) {
      ElMessage.error(messageOf(e));
      return false;
    } finally {
      busy.value = null;
    }
  }

  return { busy, show };
}
