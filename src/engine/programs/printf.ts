import type { Ctx, ProgramSpec } from './context';
import { echoEscapes } from './echo';

/**
 * printf(1)'s formatting, shared with the shell's builtin: %s %d %i %u %x %X %o %c %f %b %% with flags, width and
 * precision; the format is reused while arguments remain.
 */
/** `errors` lists the arguments that were not numbers where a number was expected. */
export function printfFormat(format: string, args: string[]): { text: string; errors: string[] } {
  const errors: string[] = [];
  let text = '';
  let ai = 0;
  do {
    const start = ai;
    text += format.replace(/%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([sdiuxXocfeEgGb%])|\\(\\|n|t|r|a|b|f|v|e|0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|")/g, (m, flags: string, width: string, prec: string, conv: string, esc: string) => {
      if (esc !== undefined) return echoEscapes('\\' + esc).text;
      if (conv === '%') return '%';
      const w = width === '*' ? Number(args[ai++] ?? 0) : Number(width ?? 0);
      const p = prec === '*' ? Number(args[ai++] ?? 0) : prec === undefined ? undefined : Number(prec);
      const arg = args[ai++] ?? '';
      let s: string;
      if ('diuxXoc'.includes(conv) && conv !== 'c') {
        const n = arg === '' ? 0 : /^'/.test(arg) ? arg.charCodeAt(1) : Number(arg);
        if (Number.isNaN(n)) {
          errors.push(arg);
        }
        const v = Math.trunc(Number.isNaN(n) ? 0 : n);
        s = conv === 'x' ? v.toString(16) : conv === 'X' ? v.toString(16).toUpperCase() : conv === 'o' ? v.toString(8) : String(v);
        if (flags.includes('+') && v >= 0) s = '+' + s;
      } else if ('feEgG'.includes(conv)) {
        const v = Number(arg || 0);
        s = conv === 'f' ? v.toFixed(p ?? 6) : conv === 'e' || conv === 'E' ? v.toExponential(p ?? 6) : String(v);
      } else if (conv === 'c') s = arg.charAt(0);
      else if (conv === 'b') s = echoEscapes(arg).text;
      else s = p !== undefined ? arg.slice(0, p) : arg;
      if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : flags.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
      void m;
      return s;
    });
    if (ai === start) break;
  } while (ai < args.length);
  return { text, errors };
}

/** printf FORMAT [ARGUMENT]... */
export const printf: ProgramSpec = {
  name: 'printf',
  summary: 'format and print data',
  usage: 'printf FORMAT [ARGUMENT]...',
  description: 'Print ARGUMENT(s) according to FORMAT: %s %d %i %u %x %X %o %c %f %e %g %b and %%, with flags, width and precision; escapes \\n \\t \\\\.',
  async run(ctx: Ctx) {
    if (ctx.args.length === 0) {
      await ctx.err("printf: missing operand\nTry 'printf --help' for more information.\n");
      return 1;
    }
    const r = printfFormat(ctx.args[0], ctx.args.slice(1));
    await ctx.out(r.text);
    for (const e of r.errors) await ctx.error(`‘${e}’: expected a numeric value`);
    return r.errors.length ? 1 : 0;
  },
};
