// Starting points for "new diagram": the smallest documents that Camunda 7.24 deploys and the
// editors render (shapes come with their DI, else bpmn-js / the DRD show an empty canvas).

/** Days the engine keeps history of a new definition; the engine refuses definitions without one. */
export const DEFAULT_HISTORY_TTL = 180;

/** form-js 1.23 writes schemaVersion 19; the Camunda 7.24 engine only reads the form's `id`. */
export const FORM_SCHEMA_VERSION = 19;

const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const MAX_KEY_LENGTH = 64;

/**
 * A key the engine accepts as process / decision id and the API as a file name: NCName-like
 * (no ':' so that it is also a valid XML id), at most 64 characters.
 */
export function isValidDefinitionKey(key: string): boolean {
  return key.length > 0 && key.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(key);
}

/** i18n key of the message shown when `isValidDefinitionKey` refuses a key. */
export const INVALID_KEY_MESSAGE = 'editors.invalidKey';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function requireKey(key: string): void {
  // an invalid key would produce a document the engine or the XML parser rejects later
  if (!isValidDefinitionKey(key)) throw new Error(`invalid definition key: ${key}`);
}

export function blankProcess(key: string, name: string): string {
  requireKey(key);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="${key}-definitions" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
  <bpmn:process id="${key}" name="${escapeXml(name)}" isExecutable="true" camunda:historyTimeToLive="${DEFAULT_HISTORY_TTL}">
    <bpmn:startEvent id="${key}-start" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="${key}-diagram">
    <bpmndi:BPMNPlane id="${key}-plane" bpmnElement="${key}">
      <bpmndi:BPMNShape id="${key}-start_di" bpmnElement="${key}-start">
        <dc:Bounds x="180" y="100" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

export function blankDecision(key: string, name: string): string {
  requireKey(key);
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
  xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
  xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/"
  xmlns:camunda="http://camunda.org/schema/1.0/dmn"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="${key}-definitions" name="${escapeXml(name)}" namespace="http://camunda.org/schema/1.0/dmn"
  modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
  <decision id="${key}" name="${escapeXml(name)}" camunda:historyTimeToLive="${DEFAULT_HISTORY_TTL}">
    <decisionTable id="${key}-table" hitPolicy="UNIQUE">
      <input id="${key}-input-1" label="Input">
        <inputExpression id="${key}-input-1-expression" typeRef="string">
          <text>input</text>
        </inputExpression>
      </input>
      <output id="${key}-output-1" label="Output" name="output" typeRef="string" />
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="${key}-diagram">
      <dmndi:DMNShape id="${key}-shape" dmnElementRef="${key}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}

/** A form-js schema object (what FormEditor.importSchema takes and saveSchema returns). */
export interface FormSchema {
  id?: string;
  type?: string;
  schemaVersion?: number;
  components?: FormComponent[];
  [key: string]: unknown;
}

export interface FormComponent {
  id?: string;
  type?: string;
  key?: string;
  label?: string;
  components?: FormComponent[];
  [key: string]: unknown;
}

export function blankForm(key: string): FormSchema {
  requireKey(key);
  return {
    id: key,
    type: 'default',
    schemaVersion: FORM_SCHEMA_VERSION,
    executionPlatform: 'Camunda Platform',
    executionPlatformVersion: '7.24.0',
    components: [{ id: `${key}-field-1`, type: 'textfield', key: 'field1', label: 'Text field' }],
  };
}
