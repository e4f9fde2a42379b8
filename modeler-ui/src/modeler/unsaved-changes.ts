// Undeployed edits are not thrown away without asking: the browser's own "leave page?" prompt
// when the tab is closed or reloaded, and a confirmation before the router moves to another
// definition, version or page.
import { inject, onBeforeUnmount } from 'vue';
import { matchedRouteKey, onBeforeRouteLeave, onBeforeRouteUpdate, type RouteLocationNormalized } from 'vue-router';
import { ElMessageBox } from 'element-plus';
import { i18n } from '@/i18n';

export interface UnsavedChanges {
  /** Changes against the deployed version. */
  pending(): number;
  /** A draft (never deployed): leaving it loses it even without a change. */
  isDraft(): boolean;
  /** The person chose to leave: the draft is given up. */
  onDiscard(): void;
}

/** The browser asks before closing or reloading the tab while `pending()` is not 0. */
export function useUnloadGuard(pending: () => number): void {
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (pending() > 0) event.preventDefault();
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload));
}

/** Asks before undeployed edits are thrown away; true when it is fine to leave. */
export async function confirmLeave(changes: UnsavedChanges): Promise<boolean> {
  const count = changes.pending() || (changes.isDraft() ? 1 : 0);
  if (count === 0) return true;
  const { t } = i18n.global;
  try {
    await ElMessageBox.confirm(t('modeler.discard.message', { count }), t('modeler.discard.title'), {
      type: 'warning',
      confirmButtonText: t('modeler.discard.confirm'),
      cancelButtonText: t('modeler.discard.cancel'),
    });
    if (changes.isDraft()) changes.onDiscard();
    return true;
  } catch {
    return false;
  }
}

/** Another key, another kind or another version of the definition is shown instead. */
function showsAnother(to: RouteLocationNormalized, from: RouteLocationNormalized): boolean {
  return to.params.key !== from.params.key || to.name !== from.name || to.query.version !== from.query.version;
}

/**
 * Both guards for an editor on the modeler page. Outside a routed page (a component test) there
 * is no route to leave: only the unload guard applies.
 */
export function useUnsavedChangesGuard(changes: UnsavedChanges): void {
  useUnloadGuard(() => changes.pending());
  if (!inject(matchedRouteKey, null)?.value) return;
  onBeforeRouteUpdate((to, from) => (showsAnother(to, from) ? confirmLeave(changes) : true));
  onBeforeRouteLeave(() => confirmLeave(changes));
}
