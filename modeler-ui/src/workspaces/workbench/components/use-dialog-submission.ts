import { ref, watch, type Ref } from 'vue';
import { FieldApiError, messageOf } from '../api';
import type { FieldError } from '../types';

/**
 * A dialog that sends one request (重发告知书, 登记挂号, 举行听证): what the last attempt left behind
 * (the client's problems, the API's field errors and message) belongs to that attempt only, so it is
 * cleared each time the dialog opens; `onOpen` puts the dialog's own form back at the same moment.
 */
export function useDialogSubmission(open: Ref<boolean>, onOpen: () => void) {
  /** The client's own check: messages are translation keys. */
  const problems = ref<FieldError[]>([]);
  /** What the API said about single fields (a 400's `errors`). */
  const serverErrors = ref<FieldError[]>([]);
  const error = ref('');
  const sending = ref(false);

  // immediate: a dialog mounted already open starts from a clean form as well
  watch(
    open,
    (isOpen) => {
      if (!isOpen) return;
      onOpen();
      problems.value = [];
      serverErrors.value = [];
      error.value = '';
    },
    { immediate: true },
  );

  /**
   * `check` first (nothing is sent while it finds a problem), then `send`; its answer closes the
   * dialog and goes to `done`. A second click while a request is under way would send it twice.
   */
  async function submit<T>(check: () => FieldError[], send: () => Promise<T>, done: (result: T) => void): Promise<void> {
    if (sending.value) return;
    // a new attempt: what the API said about the last one no longer holds
    serverErrors.value = [];
    error.value = '';
    problems.value = check();
    if (problems.value.length) return;
    sending.value = true;
    try {
      const result = await send();
      open.value = false;
      done(result);
    } catch (e) {
      error.value = messageOf(e);
      serverErrors.value = e instanceof FieldApiError ? e.fieldErrors : [];
    } finally {
      sending.value = false;
    }
  }

  return { problems, serverErrors, error, sending, submit };
}
