import { isAllowedMemberChain } from './allowed-expressions';

/**
 * Finds the JUEL expressions (`${…}` and `#{…}`) in a piece of text and reports every member access or method
 * call outside the allowed set. It reads expressions the way JUEL does — string literals, identifiers,
 * operators — so that a `}` or `${` inside a string does not end or start anything. Where it cannot follow the
 * text, it refuses rather than guesses: an expression that cannot be read cannot be shown to be harmless.
 */

export type ExpressionProblemKind = 'method-call' | 'member-access' | 'unreadable-expression';

export interface ExpressionProblem {
  kind: ExpressionProblemKind;
  /** The expression as written (shortened). */
  expression: string;
  /** The member chain that is not allowed (e.g. `System.getProperty()`), or why the expression cannot be read. */
  detail: string;
}

type TokenType = 'identifier' | 'keyword' | 'string' | 'number' | 'operator';

interface Token {
  type: TokenType;
  text: string;
  /** For an opening bracket: the index of its closing one. */
  close?: number;
}

class UnreadableExpression extends Error {}

// JUEL's reserved words (EL 2.2): operators and literals, never variable names.
const KEYWORDS = new Set(['true', 'false', 'null', 'empty', 'not', 'and', 'or', 'div', 'mod', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'instanceof']);
const LITERAL_KEYWORDS = new Set(['true', 'false', 'null']);
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '.', '[', ']', '(', ')', ',', '?', ':', '+', '-', '*', '/', '%', '!', '<', '>'];
const CLOSERS: Record<string, string> = { '(': ')', '[': ']' };
// Java identifiers as JUEL reads them (Character.isJavaIdentifierStart/Part), without the ignorable control and
// format characters: an identifier holding one of those is refused as unreadable.
const IDENTIFIER = /[\p{L}\p{Nl}\p{Sc}\p{Pc}][\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}]*/uy;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const MAX_SHOWN = 160;

const shorten = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);

/** Every problem with the expressions in `text`; empty when there is no expression or all are allowed. */
export function checkExpressions(text: string): ExpressionProblem[] {
  const problems: ExpressionProblem[] = [];
  let from = 0;
  for (;;) {
    const start = nextExpressionStart(text, from);
    if (start === -1) return problems;
    let scanned: { tokens: Token[]; end: number };
    try {
      scanned = scan(text, start + 2);
    } catch (error) {
      // Where this expression ends is unknown, so nothing after it can be read either.
      problems.push({ kind: 'unreadable-expression', expression: shorten(text.slice(start)), detail: (error as Error).message });
      return problems;
    }
    const expression = shorten(text.slice(start, scanned.end + 1));
    try {
      for (const chain of disallowedChains(scanned.tokens)) {
        problems.push({ kind: chain.includes('()') ? 'method-call' : 'member-access', expression, detail: chain });
      }
    } catch (error) {
      problems.push({ kind: 'unreadable-expression', expression, detail: (error as Error).message });
    }
    from = scanned.end + 1;
  }
}

/**
 * `${` or `#{`. JUEL's `\${` escape is not honoured on purpose: reading an escaped expression as a real one can
 * only refuse too much, never let code through.
 */
function nextExpressionStart(text: string, from: number): number {
  const dollar = text.indexOf('${', from);
  const hash = text.indexOf('#{', from);
  if (dollar === -1) return hash;
  if (hash === -1) return dollar;
  return Math.min(dollar, hash);
}

/** Tokens of one expression from `position` up to its closing `}` (whose index is `end`). */
function scan(text: string, position: number): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  const open: number[] = [];
  let i = position;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '}') {
      if (open.length > 0) throw new UnreadableExpression(`"${tokens[open.at(-1)!].text}" is not closed`);
      return { tokens, end: i };
    }
    if (c === "'" || c === '"') {
      const end = endOfString(text, i);
      tokens.push({ type: 'string', text: text.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    const number = matchAt(NUMBER, text, i);
    if (number) {
      tokens.push({ type: 'number', text: number });
      i += number.length;
      continue;
    }
    const identifier = matchAt(IDENTIFIER, text, i);
    if (identifier) {
      tokens.push({ type: KEYWORDS.has(identifier) ? 'keyword' : 'identifier', text: identifier });
      i += identifier.length;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (!operator) throw new UnreadableExpression(`unexpected character "${String.fromCodePoint(text.codePointAt(i)!)}"`);
    if (operator === '(' || operator === '[') open.push(tokens.length);
    if (operator === ')' || operator === ']') {
      const opening = open.pop();
      if (opening === undefined || CLOSERS[tokens[opening].text] !== operator) throw new UnreadableExpression(`unmatched "${operator}"`);
      tokens[opening].close = tokens.length;
    }
    tokens.push({ type: 'operator', text: operator });
    i += operator.length;
  }
  throw new UnreadableExpression('no closing "}"');
}

function endOfString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  throw new UnreadableExpression('a string is not closed');
}

function matchAt(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0];
}

/** The member chains of an expression that are not allowed, e.g. `System.getProperty()` or `''.getClass()`. */
function disallowedChains(tokens: Token[]): string[] {
  const found: string[] = [];
  walk(tokens, 0, tokens.length, found);
  return found;
}

function walk(tokens: Token[], from: number, to: number, found: string[]): void {
  let i = from;
  while (i < to) {
    const token = tokens[i];
    const primary =
      token.type === 'identifier' ||
      token.type === 'string' ||
      token.type === 'number' ||
      (token.type === 'keyword' && LITERAL_KEYWORDS.has(token.text)) ||
      (token.type === 'operator' && (token.text === '(' || token.text === '['));
    i = primary ? chainAt(tokens, i, found) : i + 1;
  }
}

/**
 * Reads one value and what follows it — `.name`, `(arguments)`, `[index]` — as a member chain, checking the
 * arguments and indexes as expressions of their own. A chain of a plain variable with nothing after it is
 * always fine; anything longer must be in the allowed set, and must start at a variable.
 */
function chainAt(tokens: Token[], index: number, found: string[]): number {
  const first = tokens[index];
  let chain: string;
  let i: number;
  if (first.type === 'operator') {
    walk(tokens, index + 1, first.close!, found);
    chain = first.text === '(' ? '(…)' : '[…]';
    i = first.close! + 1;
  } else {
    chain = first.type === 'string' ? shorten(first.text) : first.text;
    i = index + 1;
  }
  let members = 0;
  for (;;) {
    const next = tokens[i];
    if (next?.type !== 'operator') break;
    if (next.text === '.') {
      const name = tokens[i + 1];
      if (name?.type !== 'identifier' && name?.type !== 'keyword') throw new UnreadableExpression(`"${chain}." is not followed by a name`);
      chain += `.${name.text}`;
      i += 2;
    } else if (next.text === '(' || next.text === '[') {
      walk(tokens, i + 1, next.close!, found);
      chain += next.text === '(' ? '()' : '[]';
      i = next.close! + 1;
    } else {
      break;
    }
    members++;
  }
  if (members > 0 && !(first.type === 'identifier' && isAllowedMemberChain(chain))) found.push(chain);
  return i;
}
