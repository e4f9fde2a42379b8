/**
 * What an expression in a deployed diagram may reach besides plain variables, literals and operators: exactly
 * what the shipped processes use. Everything else that reads a member of an object or calls a method is refused
 * (unless an operator sets DEPLOY_ALLOW_CODE=true), because JUEL resolves both on live Java objects — the
 * execution leads to the engine, its services and its configuration, and a method call on any object leads to
 * `getClass().forName(...)` and the whole host.
 *
 * A pattern is a member chain: a root variable, then `.name` for a property and `()` for a call; `*` stands
 * for any one property name.
 */
export const ALLOWED_EXPRESSION_MEMBERS: readonly string[] = [
  // The clock timers mark which clock fired (petition.bpmn, unit-handling.bpmn).
  'execution.setVariableLocal()',
  // Call activities hand the petition's business key on.
  'execution.processBusinessKey',
  // The routing decision's outputs (petition.bpmn, decide-competence).
  'decisionResult.getSingleResult()',
  'decisionResult.getSingleResult().*',
];

function toRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '[^.()\\[\\]]+' : `\\${c}`));
  return new RegExp(`^${escaped}$`);
}

const ALLOWED = ALLOWED_EXPRESSION_MEMBERS.map(toRegExp);

/** Whether a member chain such as `execution.setVariableLocal()` is in the allowed set. */
export function isAllowedMemberChain(chain: string): boolean {
  return ALLOWED.some((pattern) => pattern.test(chain));
}
