// Reads the English strings an editor package hands to its `translate` service, from the installed
// files, so that the Chinese dictionaries can be checked against what the editors really ask for.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

export const LITERAL = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\]|\\.)*\``;

/** The value of a JS string literal (quotes included); `${…}` parts of template literals stay. */
export function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** A template literal's variants: `${cond ? 'a' : 'b'}` expanded to both; null if it interpolates anything else. */
function templateVariants(body: string): string[] | null {
  let variants = [''];
  let rest = body;
  while (rest.length > 0) {
    const start = rest.indexOf('${');
    if (start < 0) break;
    const end = rest.indexOf('}', start);
    const ternary = new RegExp(String.raw`^\s*[^?]+\?\s*(${LITERAL})\s*:\s*(${LITERAL})\s*$`).exec(rest.slice(start + 2, end));
    if (!ternary) return null;
    const prefix = rest.slice(0, start);
    variants = variants.flatMap((v) => [v + prefix + unquote(ternary[1]!), v + prefix + unquote(ternary[2]!)]);
    rest = rest.slice(end + 1);
  }
  return variants.map((v) => v + rest);
}

/** The first argument of a call, from just after its `(` to the `,` or `)` at depth 0. */
function firstArgument(text: string, from: number): string {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const m = new RegExp(LITERAL, 'y');
      m.lastIndex = i;
      const lit = m.exec(text);
      if (lit) i += lit[0].length - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return text.slice(from, i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(from, i);
  }
  return text.slice(from);
}

/** String values assigned to an identifier: `NAME = '…'` or `NAME = { key: '…', … }`. */
export function constantValues(text: string, name: string): string[] {
  const escaped = name.replace(/\$/g, '\\$');
  const single = new RegExp(String.raw`\b${escaped}\s*=\s*(${LITERAL})`).exec(text);
  if (single) return [unquote(single[1]!)];
  const object = new RegExp(String.raw`\b${escaped}\s*=\s*\{([^}]*)\}`).exec(text);
  if (!object) return [];
  return [...object[1]!.matchAll(new RegExp(String.raw`:\s*(${LITERAL})`, 'g'))].map((m) => unquote(m[1]!));
}

/** Keys of `translate(…)` / `this._translate(…)` calls in one file. */
export function translateKeys(text: string): string[] {
  const keys: string[] = [];
  for (const call of text.matchAll(/(?<![\w$'"])_?translate\(/g)) {
    const lineStart = text.lastIndexOf('\n', call.index) + 1;
    if (/^\s*(\*|\/\/)/.test(text.slice(lineStart, call.index))) continue; // JSDoc / comments
    const arg = firstArgument(text, call.index + call[0].length).trim();
    if (new RegExp(String.raw`^(${LITERAL})$`).test(arg)) {
      // a plain literal; a template literal is expanded if it only switches between literals
      keys.push(...(arg.startsWith('`') ? (templateVariants(arg.slice(1, -1)) ?? []) : [unquote(arg)]));
      continue;
    }
    // cond ? 'a' : 'b'
    const ternary = new RegExp(String.raw`\?\s*(${LITERAL})\s*:\s*(${LITERAL})\s*$`).exec(arg);
    if (ternary) {
      keys.push(unquote(ternary[1]!), unquote(ternary[2]!));
      continue;
    }
    // CONSTANT or MAP[key]
    const constant = /^([A-Za-z_$][\w$]*)(\[[^\]]*\])?$/.exec(arg);
    if (constant && /^[A-Z_$][A-Z0-9_$]*$/.test(constant[1]!)) keys.push(...constantValues(text, constant[1]!));
    // anything else is either covered by indirectKeys below or not a fixed string: element template
    // names (this app ships no templates) and bpmnlint rule messages (shown in Chinese by the app's
    // issue list via vue-i18n)
  }
  return keys;
}
