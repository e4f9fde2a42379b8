/** One thing in a deployment the server refuses, before it is put into words (validation-messages.ts). */
export interface DeploymentFinding {
  /** The file's name in the deployment. */
  file: string;
  /** The id of the element concerned (or of the nearest enclosing element that has one). */
  element: string;
  kind: FindingKind;
  /** What exactly is not allowed: the attribute, the element, the member chain or the parser's reason. */
  detail: string;
  /** The expression concerned, for expression findings. */
  expression?: string;
}

export type FindingKind =
  | 'not-utf8'
  | 'doctype'
  | 'script'
  | 'java-class'
  | 'delegate-expression'
  | 'connector'
  | 'service-type'
  | 'expression-language'
  | 'method-call'
  | 'member-access'
  | 'unreadable-expression'
  | 'form-not-json'
  | 'form-without-id';
