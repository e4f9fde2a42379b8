// Untyped dmn-js packages used by the decision editor and its tests.
declare module 'dmn-js/lib/Modeler' {
  export interface DmnView {
    id: string;
    name?: string;
    type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression' | string;
    element: { $type: string; id?: string; name?: string };
  }
  export interface DmnViewer {
    on(event: string, callback: (event: unknown) => void): void;
    get<T = unknown>(name: string, strict?: boolean): T;
  }
  export default class DmnModeler {
    constructor(options?: Record<string, unknown>);
    importXML(xml: string, options?: { open?: boolean }): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getDefinitions(): unknown;
    getViews(): DmnView[];
    getActiveView(): DmnView | undefined;
    getActiveViewer(): DmnViewer | undefined;
    open(view: DmnView): Promise<unknown>;
    on(event: string, callback: (event: any) => void): void;
    off(event: string, callback?: (event: any) => void): void;
    attachTo(parent: Element): void;
    detach(): void;
    destroy(): void;
  }
}
declare module 'camunda-dmn-moddle/resources/camunda.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
declare module 'dmn-js-properties-panel' {
  export const DmnPropertiesPanelModule: unknown;
  export const DmnPropertiesProviderModule: unknown;
  export const CamundaPropertiesProviderModule: unknown;
}
