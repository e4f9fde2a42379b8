// Lint rules applied while a process is edited: bpmnlint's recommended rules (the structural ones
// as errors, the stylistic ones as warnings) plus the Camunda Platform 7.24 compatibility config of
// bpmnlint-plugin-camunda-compat. The rules are bundled statically in bpmnlint's packed format
// ({ config, resolver }), so no .bpmnlintrc compilation step is needed.
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import historyTimeToLive from 'bpmnlint-plugin-camunda-compat/rules/camunda-platform/history-time-to-live';
import camundaCompat from 'bpmnlint-plugin-camunda-compat';

export type LintCategory = 'error' | 'warn' | 'info';
type RuleFlag = LintCategory | 'off' | [LintCategory | 'off', Record<string, unknown>];

/** bpmnlint rule modules by "<package>/<rule>" (the resolver's cache). */
const RULES: Record<string, unknown> = {
  'bpmnlint/ad-hoc-sub-process': adHocSubProcess,
  'bpmnlint/conditional-flows': conditionalFlows,
  'bpmnlint/end-event-required': endEventRequired,
  'bpmnlint/event-based-gateway': eventBasedGateway,
  'bpmnlint/event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'bpmnlint/fake-join': fakeJoin,
  'bpmnlint/label-required': labelRequired,
  'bpmnlint/link-event': linkEvent,
  'bpmnlint/no-bpmndi': noBpmndi,
  'bpmnlint/no-complex-gateway': noComplexGateway,
  'bpmnlint/no-disconnected': noDisconnected,
  'bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'bpmnlint/no-gateway-join-fork': noGatewayJoinFork,
  'bpmnlint/no-implicit-end': noImplicitEnd,
  'bpmnlint/no-implicit-split': noImplicitSplit,
  'bpmnlint/no-implicit-start': noImplicitStart,
  'bpmnlint/single-blank-start-event': singleBlankStartEvent,
  'bpmnlint/single-event-definition': singleEventDefinition,
  'bpmnlint/start-event-required': startEventRequired,
  'bpmnlint/sub-process-blank-start-event': subProcessBlankStartEvent,
  'bpmnlint/superfluous-gateway': superfluousGateway,
  'bpmnlint-plugin-camunda-compat/history-time-to-live': historyTimeToLive,
};

/** The Camunda Platform 7.24 config of the plugin, prefixed as bpmnlint expects plugin rules. */
function camundaPlatformRules(): Record<string, RuleFlag> {
  const configs = (camundaCompat as { configs: Record<string, { rules: Record<string, RuleFlag> }> }).configs;
  const rules = configs['camunda-platform-7-24']?.rules ?? {};
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([name]) => RULES[`bpmnlint-plugin-camunda-compat/${name}`])
      .map(([name, flag]) => [`camunda-compat/${name}`, flag]),
  );
}

export const LINT_RULES: Record<string, RuleFlag> = {
  'ad-hoc-sub-process': 'error',
  'conditional-flows': 'error',
  'end-event-required': 'error',
  'event-based-gateway': 'error',
  'event-sub-process-typed-start-event': 'error',
  'fake-join': 'warn',
  'label-required': 'warn',
  'link-event': 'error',
  'no-bpmndi': 'error',
  'no-complex-gateway': 'error',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'error',
  'no-gateway-join-fork': 'warn',
  'no-implicit-end': 'error',
  'no-implicit-split': 'warn',
  'no-implicit-start': 'error',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'start-event-required': 'error',
  'sub-process-blank-start-event': 'error',
  'superfluous-gateway': 'warn',
  ...camundaPlatformRules(),
};

/** Packed bpmnlint config for bpmn-js-bpmnlint (`linting: { bpmnlint: lintBundle }`). */
export const lintBundle = {
  config: { rules: LINT_RULES },
  resolver: {
    resolveRule(pkg: string, ruleName: string): unknown {
      const rule = RULES[`${pkg}/${ruleName}`];
      if (!rule) throw new Error(`cannot resolve rule <${pkg}/${ruleName}>`);
      return rule;
    },
    resolveConfig(pkg: string, configName: string): never {
      throw new Error(`cannot resolve config <${configName}> in <${pkg}>`);
    },
  },
};

/** One report as bpmn-js-bpmnlint hands it over (grouped by element id). */
export interface RawLintReport {
  id?: string;
  message?: string;
  category?: string;
  rule?: string;
  actualElementId?: string;
}

export interface LintIssue {
  /** Element to select for this issue (the canvas element the report is shown on). */
  elementId: string;
  /** Element name, or its id when it has none. */
  elementLabel: string;
  category: LintCategory;
  rule: string;
  message: string;
}

export interface LintSummary {
  issues: LintIssue[];
  errors: number;
  warnings: number;
  infos: number;
}

function categoryOf(category: string | undefined): LintCategory {
  if (category === 'warn' || category === 'info') return category;
  // 'error' and 'rule-error' (a rule that crashed) both block a deployment
  return 'error';
}

const ORDER: Record<LintCategory, number> = { error: 0, warn: 1, info: 2 };

/**
 * Flat, sorted list of the issues of a `linting.completed` event (errors first, then by element).
 * `labelOf` names an element (e.g. its business object's name).
 */
export function mapLintIssues(
  issues: Record<string, RawLintReport[] | undefined> | null | undefined,
  labelOf: (id: string) => string | null | undefined = () => null,
): LintSummary {
  const list: LintIssue[] = [];
  for (const [groupId, reports] of Object.entries(issues ?? {})) {
    for (const report of reports ?? []) {
      const elementId = report.id || groupId;
      const reportedId = report.actualElementId || elementId;
      list.push({
        elementId,
        elementLabel: labelOf(reportedId) || reportedId,
        category: categoryOf(report.category),
        rule: (report.rule ?? '').replace(/^bpmnlint\//, ''),
        message: report.message ?? '',
      });
    }
  }
  list.sort(
    (a, b) =>
      ORDER[a.category] - ORDER[b.category] ||
      a.elementLabel.localeCompare(b.elementLabel) ||
      a.message.localeCompare(b.message),
  );
  return {
    issues: list,
    errors: list.filter((i) => i.category === 'error').length,
    warnings: list.filter((i) => i.category === 'warn').length,
    infos: list.filter((i) => i.category === 'info').length,
  };
}

/** i18n key of a rule's description: "camunda-compat/history-time-to-live" → "modeler.rules.historyTimeToLive". */
export function ruleMessageKey(rule: string): string {
  const name = rule.slice(rule.lastIndexOf('/') + 1);
  return `modeler.rules.${name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}`;
}
