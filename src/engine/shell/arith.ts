/**
 * Shell arithmetic ($((…)), ((…)), let): 64-bit-like integers with C operators, variables by
 * name (evaluated recursively, unset or empty as 0), assignments and ++/--. Errors carry bash's
 * wording, e.g. `1/0: division by 0 (error token is "0")`.
 */

/** An arithmetic error with bash's message (without the `bash: ` prefix). */
export class ArithError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArithError';
  }
}

/** Variable access for the evaluator. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { k: 'num'; v: bigint; text: string } | { k: 'name'; v: string; text: string } | { k: 'op'; v: string; text: string };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '^', '|', '?', ':', '(', ')', ','];

const MAX_DEPTH = 1024;

function wrap(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** Evaluates an arithmetic expression. */
export function evaluateArith(expr: string, vars: ArithVars, depth = 0): bigint {
  if (depth > MAX_DEPTH) throw new ArithError(`${expr}: expression recursion level exceeded (error token is "${expr}")`);
  const toks = tokenize(expr);
  if (toks.length === 0) return 0n;
  let i = 0;
  const errTok = () => toks.slice(i).map((t) => t.text).join(' ').trim() || toks.at(-1)!.text;
  const syntax = (what = 'operand expected'): never => {
    throw new ArithError(`${expr.trim()}: syntax error: ${what} (error token is "${errTok()}")`);
  };
  const peek = () => toks[i];
  const isOp = (v: string) => peek()?.k === 'op' && peek()!.v === v;

  const valueOf = (name: string): bigint => {
    const raw = vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0n;
    if (/^\s*-?\d+\s*$/.test(raw)) return BigInt(raw.trim());
    return evaluateArith(raw, vars, depth + 1);
  };

  // An lvalue-aware expression result.
  type R = { v: bigint; name?: string };

  const assignOps: Record<string, (a: bigint, b: bigint) => bigint> = {
    '=': (_a, b) => b, '+=': (a, b) => a + b, '-=': (a, b) => a - b, '*=': (a, b) => a * b,
    '/=': (a, b) => div(a, b), '%=': (a, b) => mod(a, b), '<<=': (a, b) => a << b, '>>=': (a, b) => a >> b,
    '&=': (a, b) => a & b, '^=': (a, b) => a ^ b, '|=': (a, b) => a | b,
  };
  const div = (a: bigint, b: bigint) => {
    if (b === 0n) throw new ArithError(`${expr.trim()}: division by 0 (error token is "${errTokAfterOp()}")`);
    return a / b;
  };
  const mod = (a: bigint, b: bigint) => {
    if (b === 0n) throw new ArithError(`${expr.trim()}: division by 0 (error token is "${errTokAfterOp()}")`);
    return a % b;
  };
  let lastOpIndex = 0;
  const errTokAfterOp = () => toks.slice(lastOpIndex + 1).map((t) => t.text).join('') || '0';

  const comma = (): R => {
    let r = assignment();
    while (isOp(',')) {
      i++;
      r = assignment();
    }
    return r;
  };
  const assignment = (): R => {
    const left = ternary();
    const t = peek();
    if (t?.k === 'op' && t.v in assignOps) {
      if (!left.name) syntax('attempted assignment to non-variable');
      lastOpIndex = i;
      i++;
      const right = assignment();
      const v = wrap(assignOps[t.v](left.v, right.v));
      vars.set(left.name!, v.toString());
      return { v };
    }
    return left;
  };
  const ternary = (): R => {
    const c = binary(0);
    if (!isOp('?')) return c;
    i++;
    const a = assignment();
    if (!isOp(':')) syntax("`:' expected for conditional expression");
    i++;
    const b = assignment();
    return { v: c.v !== 0n ? a.v : b.v };
  };
  const levels: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  const binary = (level: number): R => {
    if (level >= levels.length) return power();
    let left = binary(level + 1);
    for (;;) {
      const t = peek();
      if (!(t?.k === 'op' && levels[level].includes(t.v))) return left;
      lastOpIndex = i;
      i++;
      if (t.v === '&&' && left.v === 0n) {
        binary(level + 1);
        left = { v: 0n };
        continue;
      }
      if (t.v === '||' && left.v !== 0n) {
        binary(level + 1);
        left = { v: 1n };
        continue;
      }
      const opIndex = lastOpIndex;
      const right = binary(level + 1);
      lastOpIndex = opIndex;
      const a = left.v;
      const b = right.v;
      const v: Record<string, () => bigint> = {
        '||': () => BigInt(a !== 0n || b !== 0n), '&&': () => BigInt(a !== 0n && b !== 0n), '|': () => a | b, '^': () => a ^ b, '&': () => a & b,
        '==': () => BigInt(a === b), '!=': () => BigInt(a !== b), '<': () => BigInt(a < b), '>': () => BigInt(a > b), '<=': () => BigInt(a <= b),
        '>=': () => BigInt(a >= b), '<<': () => a << (b & 63n), '>>': () => a >> (b & 63n), '+': () => a + b, '-': () => a - b, '*': () => a * b,
        '/': () => div(a, b), '%': () => mod(a, b),
      };
      left = { v: wrap(v[t.v]()) };
    }
  };
  const power = (): R => {
    const base = unary();
    if (isOp('**')) {
      i++;
      const e = power();
      if (e.v < 0n) throw new ArithError(`${expr.trim()}: exponent less than 0 (error token is "${errTok()}")`);
      return { v: wrap(base.v ** e.v) };
    }
    return base;
  };
  const unary = (): R => {
    const t = peek();
    if (t?.k === 'op') {
      if (t.v === '++' || t.v === '--') {
        i++;
        const x = unary();
        if (!x.name) syntax();
        const v = wrap(x.v + (t.v === '++' ? 1n : -1n));
        vars.set(x.name!, v.toString());
        return { v };
      }
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        i++;
        const x = unary();
        const v = t.v === '-' ? -x.v : t.v === '+' ? x.v : t.v === '!' ? BigInt(x.v === 0n) : ~x.v;
        return { v: wrap(v) };
      }
    }
    return postfix();
  };
  const postfix = (): R => {
    const p = primary();
    const t = peek();
    if (p.name && t?.k === 'op' && (t.v === '++' || t.v === '--')) {
      i++;
      vars.set(p.name, wrap(p.v + (t.v === '++' ? 1n : -1n)).toString());
      return { v: p.v };
    }
    return p;
  };
  const primary = (): R => {
    const t = peek();
    if (!t) syntax();
    if (t.k === 'num') {
      i++;
      return { v: t.v };
    }
    if (t.k === 'name') {
      i++;
      return { v: valueOf(t.v), name: t.v };
    }
    if (t.v === '(') {
      i++;
      const r = comma();
      if (!isOp(')')) syntax("missing `)'");
      i++;
      return { v: r.v };
    }
    return syntax();
  };

  const result = comma();
  if (i < toks.length) syntax('syntax error in expression'.replace('syntax error: ', ''));
  return result.v;

  function tokenize(s: string): Tok[] {
    const out: Tok[] = [];
    let p = 0;
    while (p < s.length) {
      const c = s[p];
      if (/\s/.test(c)) {
        p++;
        continue;
      }
      const num = /^(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+)/.exec(s.slice(p));
      if (num) {
        const text = num[0];
        out.push({ k: 'num', v: parseNumber(text, s), text });
        p += text.length;
        if (/[A-Za-z_]/.test(s[p] ?? '')) {
          const bad = /^\S+/.exec(s.slice(p - text.length))![0];
          throw new ArithError(`${bad}: value too great for base (error token is "${bad}")`);
        }
        continue;
      }
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(p));
      if (name) {
        out.push({ k: 'name', v: name[0], text: name[0] });
        p += name[0].length;
        continue;
      }
      const op = OPS.find((o) => s.startsWith(o, p));
      if (!op) {
        const rest = s.slice(p).trim();
        throw new ArithError(`${s.trim()}: syntax error: invalid arithmetic operator (error token is "${rest}")`);
      }
      out.push({ k: 'op', v: op, text: op });
      p += op.length;
    }
    return out;
  }
}

function parseNumber(text: string, expr: string): bigint {
  if (/^0[xX]/.test(text)) return BigInt(text);
  const based = /^(\d+)#(.+)$/.exec(text);
  if (based) {
    const base = Number(based[1]);
    if (base < 2 || base > 64) throw new ArithError(`${expr.trim()}: invalid arithmetic base (error token is "${text}")`);
    let v = 0n;
    for (const ch of based[2]) {
      const d = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch >= 'a' && ch <= 'z' ? ch.charCodeAt(0) - 87 : ch >= 'A' && ch <= 'Z' ? (base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29) : ch === '@' ? 62 : 63;
      if (d >= base) throw new ArithError(`${text}: value too great for base (error token is "${text}")`);
      v = v * BigInt(base) + BigInt(d);
    }
    return v;
  }
  if (text.length > 1 && text.startsWith('0')) {
    if (/[89]/.test(text)) throw new ArithError(`${text}: value too great for base (error token is "${text}")`);
    return BigInt('0o' + text.slice(1));
  }
  return BigInt(text);
}
