import { ValidationFailedException } from '../../common/errors';
import type { FieldProblem } from '../../common/i18n/validation-messages';
import { ALLOWED_EXPRESSION_MEMBERS } from './allowed-expressions';
import type { DeploymentFinding, FindingKind } from './findings';
import { checkFormFile } from './form-guard';
import { checkXmlFile } from './xml-guard';

export type { DeploymentFinding, FindingKind } from './findings';

export interface DeploymentFileContent {
  name: string;
  content: Buffer | string;
}

export interface DeploymentGuardOptions {
  /** DEPLOY_ALLOW_CODE: the operator allows scripts, Java classes, delegates and any expression. */
  allowCode: boolean;
}

/** The message code of each finding (templates in src/common/i18n/validation-messages.ts). */
export const FINDING_MESSAGE_CODES: Record<FindingKind, string> = {
  'not-utf8': 'deploymentNotUtf8',
  doctype: 'deploymentDoctype',
  script: 'deploymentScript',
  'java-class': 'deploymentJavaClass',
  'delegate-expression': 'deploymentDelegateExpression',
  connector: 'deploymentConnector',
  'service-type': 'deploymentServiceType',
  'expression-language': 'deploymentExpressionLanguage',
  'method-call': 'deploymentMethodCall',
  'member-access': 'deploymentMemberAccess',
  'unreadable-expression': 'deploymentUnreadableExpression',
  'form-not-json': 'deploymentFormNotJson',
  'form-without-id': 'deploymentFormWithoutId',
};

/**
 * Everything in a deployment that the server refuses. A process administrator may deploy diagrams, decisions
 * and forms; what would make the engine run code on its host — scripts, Java classes and delegates, connectors,
 * expressions calling methods outside the allowed set — needs the operator's explicit DEPLOY_ALLOW_CODE=true.
 * Forms must be JSON with an id either way.
 */
export function checkDeployment(files: DeploymentFileContent[], options: DeploymentGuardOptions): DeploymentFinding[] {
  const findings: DeploymentFinding[] = [];
  for (const file of files) {
    const text = decodeUtf8(file.content);
    if (file.name.endsWith('.form')) {
      findings.push(...(text === undefined ? [notUtf8(file.name, 'invalid UTF-8')] : checkFormFile(file.name, text)));
    } else if (!options.allowCode) {
      findings.push(...checkDiagram(file.name, text));
    }
  }
  return findings;
}

/** Throws a 400 naming every refused file, element and construct, when there is one. */
export function assertDeployable(files: DeploymentFileContent[], options: DeploymentGuardOptions): void {
  const findings = checkDeployment(files, options);
  if (findings.length > 0) throw new ValidationFailedException(findings.map(toProblem));
}

export function toProblem(finding: DeploymentFinding): FieldProblem {
  const params: Record<string, string> = { file: finding.file, element: finding.element, detail: finding.detail };
  if (finding.expression !== undefined) params.expression = finding.expression;
  if (finding.kind === 'method-call' || finding.kind === 'member-access') params.allowed = ALLOWED_EXPRESSION_MEMBERS.join(', ');
  return { field: 'files', code: FINDING_MESSAGE_CODES[finding.kind], params };
}

function checkDiagram(name: string, text: string | undefined): DeploymentFinding[] {
  // The engine decodes by the XML declaration; we check the text it will read only if both read the same text.
  if (text === undefined) return [notUtf8(name, 'invalid UTF-8')];
  const declared = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared.trim())) return [notUtf8(name, `encoding="${declared}"`)];
  const { findings, parseError } = checkXmlFile(name, text);
  if (parseError && text.includes('<!DOCTYPE') && !findings.some((f) => f.kind === 'doctype')) {
    findings.push({ file: name, element: '(document)', kind: 'doctype', detail: '<!DOCTYPE …>' });
  }
  // A file that is not well-formed XML is left to the engine, which refuses it with its parser's reason: both
  // parsers are conforming, the text is UTF-8 and has no DTD (refused above, and by the engine), so nothing the
  // engine would accept can hide here. What was found before the error is refused all the same.
  return findings;
}

function decodeUtf8(content: Buffer | string): string | undefined {
  if (typeof content === 'string') return content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return undefined;
  }
}

function notUtf8(file: string, detail: string): DeploymentFinding {
  return { file, element: file, kind: 'not-utf8', detail };
}
