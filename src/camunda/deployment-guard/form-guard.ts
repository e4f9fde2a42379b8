import type { DeploymentFinding } from './findings';

/**
 * A Camunda Form is JSON whose top-level `id` is its key. Without one the engine still deploys the file, but
 * no task can reference it and the catalogue (keyed by id) never lists it: refused, like JSON that does not parse.
 * Forms hold no code that runs on the engine host; what form-js evaluates runs in the browser.
 */
export function checkFormFile(file: string, text: string): DeploymentFinding[] {
  let form: unknown;
  try {
    form = JSON.parse(text);
  } catch (error) {
    return [{ file, element: file, kind: 'form-not-json', detail: (error as Error).message }];
  }
  const id = form && typeof form === 'object' && !Array.isArray(form) ? (form as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id.trim() === '') {
    return [{ file, element: file, kind: 'form-without-id', detail: id === undefined ? 'no "id"' : `"id": ${JSON.stringify(id)}` }];
  }
  return [];
}
