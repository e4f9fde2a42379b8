import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FieldError } from '../types';

/** Whether the API's error on `field` is about the form's field `name`: the field itself or a part of it (`name.x`, `name[0]…`). */
export function isAbout(field: string, name: string): boolean {
  return field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`);
}

export interface StepFormOptions {
  /** The API's errors of the last submission (TaskView's, handed down as a prop). */
  fieldErrors: () => FieldError[];
  /** Whether the form shows the API's error on `field` next to one of its fields; the others are listed above the submit button. */
  shows: (field: string) => boolean;
  /** The client's own check: the problems (messages are translation keys) that keep the form from being sent. */
  check: () => FieldError[];
  /** The body to send once the check finds nothing. */
  body: () => Record<string, unknown>;
  emit: (body: Record<string, unknown>) => void;
}

/**
 * The submission of a step form (StepForm and the hearing forms): the client's check first, then the
 * body goes to TaskView, which completes the task; what the API refuses comes back as `fieldErrors`.
 */
export function useStepForm(options: StepFormOptions) {
  const { t } = useI18n();
  const problems = ref<FieldError[]>([]);

  /** The client's problem with a field, translated; '' when there is none. */
  function clientError(field: string, params: Record<string, unknown> = {}): string {
    const problem = problems.value.find((p) => p.field === field);
    return problem ? t(problem.message, params) : '';
  }

  /** The API's (first) message about a field; '' when there is none. */
  function serverError(field: string): string {
    return options.fieldErrors().find((e) => isAbout(e.field, field))?.message ?? '';
  }

  /** The API's errors no field of the form shows. */
  const otherErrors = computed(() => options.fieldErrors().filter((e) => !options.shows(e.field)));

  function submit(): void {
    problems.value = options.check();
    if (problems.value.length > 0) return;
    options.emit(options.body());
  }

  return { problems, clientError, serverError, otherErrors, submit };
}
