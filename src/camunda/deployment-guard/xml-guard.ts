import { SaxesAttributeNS, SaxesParser, SaxesTagNS } from 'saxes';
import { checkExpressions } from './juel';
import type { DeploymentFinding } from './findings';

/**
 * Reads a BPMN or DMN file as the engine will (a namespace-aware XML parser, entities and CDATA decoded) and
 * reports what would run code on the engine host: scripts, Java classes, delegate expressions, connectors,
 * service task types other than external tasks, expression languages other than FEEL and JUEL, and expressions
 * that reach beyond the allowed members (juel.ts).
 *
 * Names are compared by local name in any namespace: Camunda also reads the legacy `activiti:` namespace, and a
 * prefix can be bound to any URI.
 */

const CAMUNDA_NAMESPACES = new Set(['http://camunda.org/schema/1.0/bpmn', 'http://camunda.org/schema/1.0/dmn', 'http://activiti.org/bpmn']);

// Whole elements that are code: a script task, a script (in a task, a listener, an input/output mapping or a
// condition) and a connector (an HTTP or SOAP call made by the engine).
const SCRIPT_ELEMENTS = new Set(['scriptTask', 'script']);
const CONNECTOR_ELEMENTS = new Set(['connector']);
// Attributes that name code to run or load: camunda:class, formHandlerClass, variableMappingClass, …
const JAVA_CLASS_ATTRIBUTE = /^(class|.*Class)$/;
const DELEGATE_EXPRESSION_ATTRIBUTE = /^(delegateExpression|.*DelegateExpression)$/;
// A script's format or language (a condition with `language` is a script), or a script loaded from a resource.
const SCRIPT_ATTRIBUTES = new Set(['scriptFormat', 'language', 'resource']);
// FEEL (DMN's own language; external Java functions are disabled in the engine) and JUEL (checked like every
// other expression). BPMN's default for definitions, XPath, is never evaluated by Camunda.
const ALLOWED_EXPRESSION_LANGUAGES = new Set(
  [
    'feel',
    'juel',
    'http://www.omg.org/spec/FEEL/20140401',
    'http://www.omg.org/spec/DMN/20180521/FEEL/',
    'https://www.omg.org/spec/DMN/20191111/FEEL/',
    'https://www.omg.org/spec/DMN/20230324/FEEL/',
    'http://www.w3.org/1999/XPath',
  ].map((language) => language.toLowerCase()),
);
// Text that the engine never evaluates.
const PROSE_ELEMENTS = new Set(['documentation', 'description']);
const MAX_FINDINGS = 50;

interface Frame {
  /** The id to report: this element's, or the nearest enclosing one's. */
  elementId: string;
  /** Text directly inside this element, in order (text, CDATA and entities joined, as the engine reads it). */
  ownText: string;
  /** All text inside this element, children included (what a DOM's textContent gives, which DMN uses). */
  allText: string;
  hasChildren: boolean;
  prose: boolean;
}

/** Findings for one BPMN or DMN file; `parseError` when the file is not well-formed XML. */
export function checkXmlFile(file: string, xml: string): { findings: DeploymentFinding[]; parseError?: string } {
  const findings: DeploymentFinding[] = [];
  const report = (element: string, kind: DeploymentFinding['kind'], detail: string, expression?: string) => {
    if (findings.length < MAX_FINDINGS) findings.push({ file, element, kind, detail, ...(expression ? { expression } : {}) });
  };
  const checkText = (element: string, text: string) => {
    for (const problem of checkExpressions(text)) report(element, problem.kind, problem.detail, problem.expression);
  };

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Frame[] = [];
  const appendText = (text: string) => {
    const frame = stack.at(-1);
    if (!frame || frame.prose) return;
    frame.ownText += text;
    frame.allText += text;
  };
  parser.on('doctype', () => report('(document)', 'doctype', '<!DOCTYPE …>'));
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1);
    if (parent) parent.hasChildren = true;
    const id = attributeValue(tag, 'id');
    const frame: Frame = {
      elementId: id || parent?.elementId || tag.name,
      ownText: '',
      allText: '',
      hasChildren: false,
      prose: Boolean(parent?.prose) || PROSE_ELEMENTS.has(tag.local),
    };
    stack.push(frame);
    checkElement(tag, frame.elementId, report);
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      checkAttribute(attribute, frame.elementId, report);
      checkText(frame.elementId, attribute.value);
    }
  });
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    if (frame.prose) return;
    checkText(frame.elementId, frame.ownText);
    // Mixed content: a DOM reader (the DMN parser) joins the children's text into this element's, so an
    // expression may only appear once joined.
    if (frame.hasChildren && frame.ownText.trim() !== '' && frame.allText !== frame.ownText) checkText(frame.elementId, frame.allText);
    const parent = stack.at(-1);
    if (parent && !parent.prose) parent.allText += frame.allText;
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    return { findings, parseError: (error as Error).message };
  }
  return { findings };
}

function attributeValue(tag: SaxesTagNS, local: string): string | undefined {
  return Object.values(tag.attributes).find((a) => a.local === local && !a.prefix)?.value;
}

function checkElement(tag: SaxesTagNS, element: string, report: (element: string, kind: DeploymentFinding['kind'], detail: string) => void) {
  const local = tag.local;
  if (SCRIPT_ELEMENTS.has(local)) report(element, 'script', `<${tag.name}>`);
  if (CONNECTOR_ELEMENTS.has(local)) report(element, 'connector', `<${tag.name}>`);
  // A form field validator names a class or a bean to call.
  if (local === 'constraint' && attributeValue(tag, 'name') === 'validator') {
    report(element, 'java-class', `<${tag.name} name="validator" config="${attributeValue(tag, 'config') ?? ''}">`);
  }
}

function checkAttribute(
  attribute: SaxesAttributeNS,
  element: string,
  report: (element: string, kind: DeploymentFinding['kind'], detail: string) => void,
) {
  const local = attribute.local;
  const shown = `${attribute.name}="${attribute.value.length > 120 ? attribute.value.slice(0, 120) + '…' : attribute.value}"`;
  if (JAVA_CLASS_ATTRIBUTE.test(local)) report(element, 'java-class', shown);
  else if (DELEGATE_EXPRESSION_ATTRIBUTE.test(local)) report(element, 'delegate-expression', shown);
  else if (SCRIPT_ATTRIBUTES.has(local)) report(element, 'script', shown);
  else if (local === 'expressionLanguage' && !ALLOWED_EXPRESSION_LANGUAGES.has(attribute.value.trim().toLowerCase())) {
    report(element, 'expression-language', shown);
  } else if (local === 'type' && CAMUNDA_NAMESPACES.has(attribute.uri) && attribute.value.trim().toLowerCase() !== 'external') {
    // camunda:type on a service, send or business rule task: only external tasks, done by our workers.
    report(element, 'service-type', shown);
  }
}
