import { useI18n } from 'vue-i18n';

/**
 * Labels of API values (steps, statuses, event kinds, …): the translation when there is one,
 * otherwise the value itself, so that a value added to the API later still reads sensibly.
 */
export function useValueLabels() {
  const { t, te } = useI18n();
  const label = (key: string, value: string | null | undefined): string => {
    if (!value) return '';
    const path = `workbench.${key}.${value}`;
    return te(path) ? t(path) : value;
  };
  return {
    step: (value: string | null | undefined) => label('steps', value),
    value: (kind: string, value: string | null | undefined) => label(`values.${kind}`, value),
    deadline: (value: string | null | undefined) => label('deadline', value),
  };
}
