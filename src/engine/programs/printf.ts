import type { Ctx, ProgramSpec } from './context';

/** What printfFormat produced: the text, and what went wrong on the way. */
export interface PrintfResult {
  text: string;
  /** The arguments that were not (wholly) numbers where a number was expected (bash words these). */
  errors: string[];
  /** coreutils' messages for the same problems, e.g. `‘x’: expected a numeric value`. */
  messages: string[];
  /** A format error that stops printf at once (`%z: invalid conversion specification`). */
  fatal?: string;
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64 = 1n << 64n;

/** Backslash escapes of the format string (and of `%b` arguments when `b` is set). */
function escape(s: string, i: number, b: boolean): { text: string; next: number; stop?: boolean } {
  const c = s[i + 1];
  const simple: Record<string, string> = { '"': '"', '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  if (c === undefined) return { text: '\\', next: i + 1 };
  if (c in simple) return { text: simple[c], next: i + 2 };
  if (c === 'c') return { text: '', next: s.length, stop: true };
  if (/[0-7]/.test(c)) {
    // In the format \NNN; in %b arguments \0NNN (and, as coreutils allows, \NNN).
    const start = b && c === '0' ? i + 2 : i + 1;
    const m = /^[0-7]{0,3}/.exec(s.slice(start))![0];
    return { text: String.fromCharCode(parseInt(m || '0', 8) & 0xff), next: start + m.length };
  }
  if (c === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2));
    if (m) return { text: String.fromCharCode(parseInt(m[0], 16)), next: i + 2 + m[0].length };
  }
  if (c === 'u' || c === 'U') {
    const m = new RegExp(`^[0-9a-fA-F]{${c === 'u' ? 4 : 8}}`).exec(s.slice(i + 2));
    if (m) return { text: String.fromCodePoint(parseInt(m[0], 16)), next: i + 2 + m[0].length };
  }
  return { text: '\\' + c, next: i + 2 };
}

/** strtoimax-like parse: a value, and why it is not a clean number (if it is not). */
function parseInteger(arg: string): { v: bigint; problem?: 'numeric' | 'partial' | 'range' } {
  if (/^['"]/.test(arg)) return { v: BigInt(arg.length > 1 ? arg.codePointAt(1)! : 0) };
  if (arg === '') return { v: 0n };
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(arg);
  if (!m) return { v: 0n, problem: 'numeric' };
  const digits = m[2];
  let v = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  if (m[1] === '-') v = -v;
  if (v > INT64_MAX || v < INT64_MIN) return { v: v > 0 ? INT64_MAX : INT64_MIN, problem: 'range' };
  return { v, problem: m[0].length < arg.length ? 'partial' : undefined };
}

/** strtold-like parse of a floating-point argument. */
function parseFloatArg(arg: string): { v: number; problem?: 'numeric' | 'partial' } {
  if (/^['"]/.test(arg)) return { v: arg.length > 1 ? arg.codePointAt(1)! : 0 };
  if (arg === '') return { v: 0 };
  const m = /^\s*[+-]?(0[xX][0-9a-fA-F]+|inf(inity)?|nan|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/i.exec(arg);
  if (!m) return { v: 0, problem: 'numeric' };
  const t = m[0].trim();
  let v: number;
  if (/inf/i.test(t)) v = t.startsWith('-') ? -Infinity : Infinity;
  else if (/nan/i.test(t)) v = NaN;
  else if (/0[xX]/.test(t)) v = (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[+-]?0[xX]/, ''), 16);
  else v = Number(t);
  return { v, problem: m[0].length < arg.length ? 'partial' : undefined };
}

/** The exact decimal value of a finite double ≥ 0: `digits × 10^exp`. */
function exactDecimal(v: number): { digits: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  if (e2 >= 0) return { digits: mant << BigInt(e2), exp: 0 };
  return { digits: mant * 5n ** BigInt(-e2), exp: e2 };
}

/** `n / 10^k` rounded half to even, as glibc rounds the exact binary value. */
function divRound(n: bigint, k: number): bigint {
  if (k <= 0) return n * 10n ** BigInt(-k);
  const d = 10n ** BigInt(k);
  const q = n / d;
  const r = n % d;
  const twice = 2n * r;
  if (twice > d || (twice === d && q % 2n === 1n)) return q + 1n;
  return q;
}

/** C's %.Nf of a finite v ≥ 0 (JS's toFixed rounds ties away from zero; C rounds to even). */
function fixedC(v: number, prec: number): string {
  const { digits, exp } = exactDecimal(v);
  const n = divRound(digits, -(exp + prec)).toString().padStart(prec + 1, '0');
  return prec ? `${n.slice(0, -prec)}.${n.slice(-prec)}` : n;
}

/** C's %.Ne parts for a finite v ≥ 0: mantissa digits (prec+1 of them) and the exponent. */
function expParts(v: number, prec: number): { mant: string; x: number } {
  if (v === 0) return { mant: '0'.repeat(prec + 1), x: 0 };
  const { digits, exp } = exactDecimal(v);
  let x = digits.toString().length - 1 + exp;
  let n = divRound(digits, x - prec - exp);
  if (n.toString().length > prec + 1) {
    x++;
    n = divRound(digits, x - prec - exp);
  }
  return { mant: n.toString(), x };
}

/** C's %e body: mantissa with `prec` decimals and an exponent of at least two digits. */
function expForm(v: number, prec: number, upper: boolean): string {
  const { mant, x } = expParts(v, prec);
  const s = `${mant[0]}${prec ? '.' + mant.slice(1) : ''}e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
  return upper ? s.toUpperCase() : s;
}

/** C's %g: the shorter of %e and %f per the exponent, trailing zeros removed unless `alt`. */
function gForm(v: number, prec: number, upper: boolean, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return alt ? fixedC(0, p - 1) : '0';
  const x = expParts(v, p - 1).x;
  let s = p > x && x >= -4 ? fixedC(v, p - 1 - x) : expForm(v, p - 1, upper);
  if (!alt) {
    s = s.replace(/(\.\d*?)0+(e|E|$)/, '$1$2').replace(/\.(e|E|$)/, '$1');
  }
  return s;
}

function nonFinite(v: number, upper: boolean): string | null {
  if (Number.isNaN(v)) return upper ? 'NAN' : 'nan';
  if (!Number.isFinite(v)) return (v < 0 ? '-' : '') + (upper ? 'INF' : 'inf');
  return null;
}

/**
 * printf(1)'s formatting, shared with the shell's builtin: %d %i %u %o %x %X %c %s %b %f %F %e %E
 * %g %G %% with flags (`-+ #0`), width and precision (also `*`), the format's backslash escapes,
 * and the format reused while arguments remain.
 * @sim partial: %a/%A and %q are not supported (coreutils 9.1 has no %q either).
 */
export function printfFormat(format: string, args: string[]): PrintfResult {
  const res: PrintfResult = { text: '', errors: [], messages: [] };
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  const note = (arg: string, problem: 'numeric' | 'partial' | 'range') => {
    res.errors.push(arg);
    res.messages.push(problem === 'numeric' ? `‘${arg}’: expected a numeric value` : problem === 'partial' ? `‘${arg}’: value not completely converted` : `‘${arg}’: Numerical result out of range`);
  };
  for (;;) {
    const start = ai;
    let i = 0;
    while (i < format.length) {
      const c = format[i];
      if (c === '\\') {
        const e = escape(format, i, false);
        res.text += e.text;
        if (e.stop) return res;
        i = e.next;
        continue;
      }
      if (c !== '%') {
        res.text += c;
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        res.text += '%';
        i += 2;
        continue;
      }
      const m = /^%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d*))?([hlLjzt]*)(.?)/.exec(format.slice(i))!;
      const [whole, flags, widthSpec, precSpec, , conv] = m;
      if (!conv || !'diouxXfFeEgGcsb'.includes(conv)) {
        res.fatal = `${whole}: invalid conversion specification`;
        return res;
      }
      i += whole.length;
      let width = 0;
      let left = flags.includes('-');
      if (widthSpec === '*') {
        const w = parseInteger(next() ?? '0');
        width = Number(w.v);
        if (width < 0) {
          left = true;
          width = -width;
        }
      } else if (widthSpec) width = Number(widthSpec);
      let prec: number | undefined;
      if (precSpec === '*') {
        const p = Number(parseInteger(next() ?? '0').v);
        prec = p < 0 ? undefined : p;
      } else if (precSpec !== undefined) prec = Number(precSpec || 0);
      const arg = next();
      let body: string;
      let numeric = false;
      let sign = '';
      if ('diouxX'.includes(conv)) {
        numeric = true;
        let v = 0n;
        if (arg !== undefined) {
          const r = parseInteger(arg);
          v = r.v;
          if (r.problem) note(arg, r.problem);
        }
        if ('di'.includes(conv)) {
          if (v < 0n) {
            sign = '-';
            v = -v;
          } else if (flags.includes('+')) sign = '+';
          else if (flags.includes(' ')) sign = ' ';
          body = v.toString();
        } else {
          if (v < 0n) v += UINT64;
          body = conv === 'o' ? v.toString(8) : conv === 'u' ? v.toString() : v.toString(16);
          if (conv === 'X') body = body.toUpperCase();
          if (flags.includes('#') && v !== 0n) {
            if (conv === 'o') body = '0' + body;
            else if (conv !== 'u') sign = conv === 'x' ? '0x' : '0X';
          }
        }
        if (prec !== undefined) body = prec === 0 && body === '0' ? '' : body.padStart(prec, '0');
      } else if ('fFeEgG'.includes(conv)) {
        numeric = true;
        let v = 0;
        if (arg !== undefined) {
          const r = parseFloatArg(arg);
          v = r.v;
          if (r.problem) note(arg, r.problem);
        }
        if (v < 0 || Object.is(v, -0)) {
          sign = '-';
          v = -v;
        } else if (flags.includes('+')) sign = '+';
        else if (flags.includes(' ')) sign = ' ';
        const upper = conv === conv.toUpperCase();
        const p = prec ?? 6;
        body = nonFinite(v, upper) ?? (conv === 'f' || conv === 'F' ? fixedC(v, p) : conv === 'e' || conv === 'E' ? expForm(v, p, upper) : gForm(v, p, upper, flags.includes('#')));
        if (flags.includes('#') && !body.includes('.') && /^\d+$/.test(body)) body += '.';
      } else if (conv === 'c') {
        body = arg ? [...arg][0] : '';
      } else if (conv === 'b') {
        body = '';
        const s = arg ?? '';
        let k = 0;
        let stop = false;
        while (k < s.length) {
          if (s[k] === '\\') {
            const e = escape(s, k, true);
            body += e.text;
            k = e.next;
            if (e.stop) {
              stop = true;
              break;
            }
          } else body += s[k++];
        }
        if (prec !== undefined) body = body.slice(0, prec);
        if (stop) {
          res.text += pad(body, '', width, left, false);
          return res;
        }
      } else {
        body = arg ?? '';
        if (prec !== undefined) body = body.slice(0, prec);
      }
      const zero = numeric && flags.includes('0') && !left && !(prec !== undefined && 'diouxX'.includes(conv)) && /\d/.test(body[0] ?? '');
      res.text += pad(body, sign, width, left, zero);
    }
    if (ai === start || ai >= args.length) break;
  }
  return res;
}

function pad(body: string, sign: string, width: number, left: boolean, zero: boolean): string {
  // C counts the width in bytes.
  const len = new TextEncoder().encode(sign + body).length;
  if (len >= width) return sign + body;
  if (left) return sign + body + ' '.repeat(width - len);
  if (zero) return sign + '0'.repeat(width - len) + body;
  return ' '.repeat(width - len) + sign + body;
}

/** printf FORMAT [ARGUMENT]... */
export const printf: ProgramSpec = {
  name: 'printf',
  summary: 'format and print data',
  usage: 'printf FORMAT [ARGUMENT]...',
  description: 'Print ARGUMENT(s) according to FORMAT.\n\nFORMAT controls the output as in C printf.  Interpreted sequences are:\n\n  \\"      double quote\n  \\\\      backslash\n  \\a      alert (BEL)\n  \\b      backspace\n  \\c      produce no further output\n  \\e      escape\n  \\f      form feed\n  \\n      new line\n  \\r      carriage return\n  \\t      horizontal tab\n  \\v      vertical tab\n  \\NNN    byte with octal value NNN (1 to 3 digits)\n  \\xHH    byte with hexadecimal value HH (1 to 2 digits)\n  %%      a single %\n  %b      ARGUMENT as a string with \'\\\' escapes interpreted,\n          except that octal escapes are of the form \\0 or \\0NNN\n\nand all C format specifications ending with one of diouxXfeEgGcs, with\nARGUMENTs converted to proper type first.  Variable widths are handled.',
  async run(ctx: Ctx) {
    if (ctx.args[0] === '--help') {
      await ctx.out(`Usage: printf FORMAT [ARGUMENT]...\n  or:  printf OPTION\n${printf.description}\n`);
      return 0;
    }
    if (ctx.args[0] === '--version') {
      await ctx.out('printf (GNU coreutils) 9.1\n');
      return 0;
    }
    const args = ctx.args[0] === '--' ? ctx.args.slice(1) : ctx.args;
    if (args.length === 0) {
      await ctx.err("printf: missing operand\nTry 'printf --help' for more information.\n");
      return 1;
    }
    const r = printfFormat(args[0], args.slice(1));
    // coreutils reports each bad number as it meets it, after what was printed so far.
    await ctx.out(r.text);
    for (const m of r.messages) await ctx.error(m);
    if (r.fatal) {
      await ctx.error(r.fatal);
      return 1;
    }
    if (args.length > 1 && !/%/.test(args[0].replace(/%%/g, ''))) {
      await ctx.error(`warning: ignoring excess arguments, starting with ‘${args[1]}’`);
    }
    return r.messages.length ? 1 : 0;
  },
};
