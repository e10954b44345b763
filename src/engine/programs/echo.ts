import type { Ctx, ProgramSpec } from './context';

/** echo's backslash escapes (`-e`); returns the text and whether `\c` stopped output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || '0', 8));
      i += m.length;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

/** echo's whole output for an argument list, shared by the program and the shell builtin. */
export function echoText(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const r = echoEscapes(text);
    if (r.stop) return r.text;
    text = r.text;
  }
  return newline ? text + '\n' : text;
}

/** echo [-neE] [STRING]... */
export const echo: ProgramSpec = {
  name: 'echo',
  summary: 'display a line of text',
  usage: 'echo [SHORT-OPTION]... [STRING]...',
  description: 'Echo the STRING(s) to standard output.\n\n  -n     do not output the trailing newline\n  -e     enable interpretation of backslash escapes\n  -E     disable interpretation of backslash escapes (default)',
  async run(ctx: Ctx) {
    await ctx.out(echoText(ctx.args));
    return 0;
  },
};
