/** Conversion between plain values and Camunda's typed variable JSON. */
export interface TypedValue {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}
export type TypedVariables = Record<string, TypedValue>;
export type PlainValue = string | number | boolean | Date | null;

/** Camunda REST expects dates as yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2026-11-26T10:00:00.000+0000. */
export function formatEngineDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function parseEngineDate(value: string): Date {
  // "+0000" is not ISO-8601 for Date.parse; make it "+00:00".
  return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export function toTyped(value: PlainValue): TypedValue {
  if (value === null) return { value: null, type: 'Null' };
  if (value instanceof Date) return { value: formatEngineDate(value), type: 'Date' };
  switch (typeof value) {
    case 'string':
      return { value, type: 'String' };
    case 'boolean':
      return { value, type: 'Boolean' };
    case 'number':
      return Number.isInteger(value) ? { value, type: 'Long' } : { value, type: 'Double' };
  }
}

export function toTypedVariables(values: Record<string, PlainValue | undefined>): TypedVariables {
  const typed: TypedVariables = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) typed[name] = toTyped(value);
  }
  return typed;
}

export function fromTyped(typed: TypedValue): unknown {
  if (typed.type === 'Date' && typeof typed.value === 'string') return parseEngineDate(typed.value);
  return typed.value;
}
