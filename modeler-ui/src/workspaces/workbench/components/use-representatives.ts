import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { messageOf, workbenchApi } from '../api';
import type { Representative } from '../types';

/** The 群众代表名册 as the caller may see it (GET /api/representatives), and how a row is named in a list. */
export function useRepresentatives() {
  const { t, te } = useI18n();
  const list = ref<Representative[]>([]);
  const loading = ref(false);
  const error = ref('');

  async function load(regionCode?: string): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      const rows = await workbenchApi.representatives(regionCode);
      list.value = Array.isArray(rows) ? rows : [];
    } catch (e) {
      error.value = messageOf(e);
      list.value = [];
    } finally {
      loading.value = false;
    }
  }

  /** Only those still on the active register can be invited. */
  const active = computed(() => list.value.filter((r) => r.active));

  function kindLabel(kind: string | null | undefined): string {
    if (!kind) return '';
    const key = `workbench.values.representativeKind.${kind}`;
    return te(key) ? t(key) : kind;
  }

  /** "张三（人大代表）· 东湖区人大常委会 · 东湖区" */
  function describe(r: Representative): string {
    return [t('workbench.representatives.nameKind', { name: r.name, kind: kindLabel(r.kind) }), r.organisation, r.regionName].filter(Boolean).join(' · ');
  }

  return { list, active, loading, error, load, kindLabel, describe };
}
