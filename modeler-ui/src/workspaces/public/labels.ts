import { useI18n } from 'vue-i18n';
import { chinaDay } from './dates';

/** How the public page shows days and the API's values. */
export function usePublicLabels() {
  const { t, te } = useI18n();
  /** The day in China time, or 无 when there is none. */
  function day(iso: string | null | undefined): string {
    return chinaDay(iso) ?? t('publicPage.result.none');
  }
  /** A translated label when the catalogue knows the value, the value itself otherwise. */
  function label(group: string, value: string): string {
    const key = `publicPage.${group}.${value}`;
    return te(key) ? t(key) : value;
  }
  return { day, label };
}
