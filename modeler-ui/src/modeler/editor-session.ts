// What the decision and form editors share around their canvas: deploying the file and reporting
// the outcome, and the browser's own "leave page?" prompt while there are undeployed changes.
import { onBeforeUnmount, ref } from 'vue';
import { ElMessage } from 'element-plus';
import { i18n } from '@/i18n';
import type { DeploymentResult } from '@/api/types';
import { errorMessage } from './download';

export interface DeployOutcome {
  result: DeploymentResult;
  key: string;
  version: number | null;
}

/**
 * `deploying` and `lastDeploy` for the toolbar, and `deploy(send, afterDeploy)`: sends once at a
 * time, tells the user the new version (or that nothing changed, or why it failed), then lets the
 * editor take what it deployed as its new baseline and passes the outcome on.
 */
export function useDeployment() {
  const { t } = i18n.global;
  const deploying = ref(false);
  const lastDeploy = ref<{ text: string; created: boolean } | null>(null);

  async function deploy(send: () => Promise<DeployOutcome>, afterDeploy: (outcome: DeployOutcome) => void): Promise<void> {
    if (deploying.value) return;
    deploying.value = true;
    try {
      const outcome = await send();
      const { result, key, version } = outcome;
      const text = result.created ? t('editors.deployed', { key, version: version ?? '?' }) : t('editors.unchanged');
      lastDeploy.value = { text, created: result.created };
      if (result.created) ElMessage.success(text);
      else ElMessage.info(text);
      afterDeploy(outcome);
    } catch (error) {
      ElMessage.error(`${t('editors.deployFailed')}：${errorMessage(error)}`);
    } finally {
      deploying.value = false;
    }
  }

  return { deploying, lastDeploy, deploy };
}

/** The browser asks before closing or reloading the tab while `pendingChanges()` is not 0. */
export function useUnloadGuard(pendingChanges: () => number): void {
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (pendingChanges() > 0) event.preventDefault();
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload));
}
