import type { Ctx, ProgramSpec } from './context';
import { parseArgs, UsageError } from './args';
import { printfFormat } from './printf';

/** A parsed operand: its value, its decimals and its printed width (for -w). */
interface Operand {
  v: number;
  prec: number;
  width: number;
}

function operand(s: string): Operand | null {
  const t = s.trim();
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return { v: parseInt(t, 16), prec: 0, width: String(parseInt(t, 16)).length };
  if (/^[+-]?inf(inity)?$/i.test(t)) return { v: t.startsWith('-') ? -Infinity : Infinity, prec: 0, width: 0 };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  const m = /\.(\d*)/.exec(t.replace(/[eE].*$/, ''));
  const exp = /[eE]([+-]?\d+)/.exec(t);
  const prec = Math.max(0, (m ? m[1].length : 0) - (exp ? Number(exp[1]) : 0));
  return { v, prec, width: t.replace(/^\+/, '').length };
}

/** seq [-f FORMAT] [-s SEP] [-w] [FIRST [INCREMENT]] LAST: prints a sequence, streaming. */
export const seq: ProgramSpec = {
  name: 'seq',
  summary: 'print a sequence of numbers',
  usage: 'seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST',
  description: 'Print numbers from FIRST to LAST, in steps of INCREMENT.\n\n  -f, --format=FORMAT      use printf style floating-point FORMAT\n  -s, --separator=STRING   use STRING to separate numbers (default: \\n)\n  -w, --equal-width        equalize width by padding with leading zeroes',
  async run(ctx: Ctx) {
    if (ctx.args[0] === '--help') {
      await ctx.out(`Usage: ${seq.usage}\n${seq.description}\n`);
      return 0;
    }
    // Negative numbers are operands, not options, once they look like numbers.
    const args: string[] = [];
    for (let k = 0; k < ctx.args.length; k++) {
      const x = ctx.args[k];
      if (/^-(\d|\.\d|inf)/i.test(x)) {
        args.push('--', ...ctx.args.slice(k));
        break;
      }
      args.push(x);
      if (/^-[fs]$/.test(x) && k + 1 < ctx.args.length) args.push(ctx.args[++k]);
    }
    let a;
    try {
      a = parseArgs(args, { f: { short: 'f', long: 'format', value: true }, s: { short: 's', long: 'separator', value: true }, w: { short: 'w', long: 'equal-width' } });
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      return ctx.usage(e);
    }
    const usage = async (msg: string) => {
      await ctx.err(`seq: ${msg}\nTry 'seq --help' for more information.\n`);
      return 1;
    };
    const nums = a.operands;
    if (nums.length === 0) return usage('missing operand');
    if (nums.length > 3) return usage(`extra operand ‘${nums[3]}’`);
    const ops: Operand[] = [];
    for (const n of nums) {
      if (/^[+-]?nan$/i.test(n.trim())) return usage(`invalid ‘not-a-number’ argument: ‘${n}’`);
      const o = operand(n);
      if (!o) return usage(`invalid floating point argument: ‘${n}’`);
      ops.push(o);
    }
    const one: Operand = { v: 1, prec: 0, width: 1 };
    const [first, step, last] = ops.length === 1 ? [one, one, ops[0]] : ops.length === 2 ? [ops[0], one, ops[1]] : ops;
    if (step.v === 0) return usage(`invalid Zero increment value: ‘${nums[1] ?? ''}’`);
    const format = typeof a.opts.f === 'string' ? a.opts.f : undefined;
    if (format !== undefined) {
      const directives = format.replace(/%%/g, '').match(/%[-+ #0']*\d*(\.\d*)?[a-zA-Z]?/g) ?? [];
      if (directives.length === 0) {
        await ctx.error(`format ‘${format}’ has no % directive`);
        return 1;
      }
      if (directives.length > 1) {
        await ctx.error(`format ‘${format}’ has too many % directives`);
        return 1;
      }
      const d = directives[0] ?? '';
      if (!/[aAeEfFgG]$/.test(d)) {
        await ctx.error(`format ‘${format}’ has unknown ${d} directive`);
        return 1;
      }
      if (a.opts.w) {
        await ctx.err("seq: format string may not be specified when printing equal width strings\nTry 'seq --help' for more information.\n");
        return 1;
      }
    }
    const sep = typeof a.opts.s === 'string' ? a.opts.s : '\n';
    const prec = Math.max(first.prec, step.prec);
    const fmt = (v: number) => (format !== undefined ? printfFormat(format, [String(v)]).text : v.toFixed(prec));
    let width = 0;
    if (a.opts.w) width = Math.max(fmt(first.v).length, fmt(last.v).length, last.prec > prec ? 0 : 0);
    let buf = '';
    let count = 0;
    for (let i = 0; ; i++) {
      // Multiply rather than accumulate, so 0.1 steps do not drift.
      const v = Number((first.v + i * step.v).toFixed(Math.min(20, prec + 2)));
      if (step.v > 0 ? v > last.v : v < last.v) break;
      let t = fmt(v);
      if (width && t.length < width) t = t.startsWith('-') ? '-' + t.slice(1).padStart(width - 1, '0') : t.padStart(width, '0');
      buf += (count++ ? sep : '') + t;
      if (buf.length > 8192) {
        await ctx.out(buf);
        buf = '';
      }
    }
    if (count) buf += '\n';
    await ctx.out(buf);
    return 0;
  },
};
