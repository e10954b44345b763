import type { Ctx, ProgramSpec } from './context';
import type { OpenFile } from '../kernel/file';
import { isSysError } from '../kernel/errors';
import { findInPath } from './lib/path-search';

/** Splits xargs input the default way: blanks separate, quotes and backslash protect. */
function splitDefault(text: string): { args: string[]; error?: string } {
  const args: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (has) args.push(cur);
      cur = '';
      has = false;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        return { args, error: `unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option` };
      }
      cur += text.slice(i + 1, end);
      has = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) args.push(cur);
  return { args };
}

/**
 * xargs [-n MAX] [-I REPL] [-0] [-d DELIM] [-r] [-t] [COMMAND [ARG]...]: builds command lines
 * from standard input and runs them (echo by default), each with /dev/null as its input.
 * @sim partial: no -P parallelism, no -s/-L/-E/-p; the command line length limit is not modelled.
 */
export const xargs: ProgramSpec = {
  name: 'xargs',
  summary: 'build and execute command lines from standard input',
  usage: 'xargs [OPTION]... COMMAND [INITIAL-ARGS]...',
  description: 'Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n\n  -0, --null                   items are separated by a null, not whitespace;\n                                 disables quote and backslash processing and\n                                 logical EOF processing\n  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,\n                                 not by whitespace\n  -I R                         same as --replace=R\n  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line\n  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;\n                                 if this option is not given, COMMAND will be\n                                 run at least once\n  -t, --verbose                print commands before executing them',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      n: { short: 'n', long: 'max-args', value: true }, I: { short: 'I', value: true }, replace: { short: 'i', long: 'replace', value: true, optionalValue: true },
      zero: { short: '0', long: 'null' }, d: { short: 'd', long: 'delimiter', value: true }, r: { short: 'r', long: 'no-run-if-empty' },
      t: { short: 't', long: 'verbose' }, P: { short: 'P', long: 'max-procs', value: true }, L: { short: 'L', long: 'max-lines', value: true },
    }, { permute: false });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const o = a.opts;
    let maxArgs = Infinity;
    if (o.n !== undefined) {
      if (!/^\d+$/.test(o.n as string) || Number(o.n) < 1) {
        const v = o.n as string;
        await ctx.err(/^\d+$/.test(v) ? `xargs: value ${v} for -n option should be >= 1\nTry 'xargs --help' for more information.\n` : `xargs: invalid number "${v}" for -n option\nTry 'xargs --help' for more information.\n`);
        return 1;
      }
      maxArgs = Number(o.n);
    }
    const repl = typeof o.I === 'string' ? o.I : o.replace !== undefined ? (o.replace === true ? '{}' : o.replace) : undefined;
    const cmd = a.operands.length ? a.operands : ['echo'];
    const input = new TextDecoder().decode(await ctx.readAll(0));
    let items: string[];
    let quoteError: string | undefined;
    if (o.zero) items = input.split('\0').filter((x, i, all) => i < all.length - 1 || x !== '');
    else if (typeof o.d === 'string') {
      const d = o.d === '\\n' ? '\n' : o.d === '\\t' ? '\t' : o.d;
      items = input.split(d);
      if (items[items.length - 1] === '') items.pop();
    } else if (repl !== undefined) {
      // With -I each input line is one argument, leading blanks removed.
      items = input.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
    } else {
      const r = splitDefault(input);
      items = r.args;
      quoteError = r.error;
    }
    const groups: string[][] = [];
    if (repl !== undefined) for (const it of items) groups.push(cmd.map((c) => c.split(repl).join(it)));
    else if (items.length === 0) {
      if (!o.r && !quoteError) groups.push([...cmd]);
    } else for (let i = 0; i < items.length; i += maxArgs === Infinity ? items.length : maxArgs) groups.push([...cmd, ...items.slice(i, i + maxArgs)]);
    let status = 0;
    let devnull: OpenFile | null = null;
    try {
      for (const argv of groups) {
        if (o.t) await ctx.err(argv.join(' ') + '\n');
        const path = findInPath(ctx, argv[0]);
        if (!path) {
          const exists = argv[0].includes('/') && ctx.fs.exists(ctx.proc, argv[0]);
          await ctx.error(`${argv[0]}: ${exists ? 'Permission denied' : 'No such file or directory'}`);
          return exists ? 126 : 127;
        }
        devnull ??= ctx.fs.open(ctx.proc, '/dev/null', { read: true });
        const child = ctx.spawn({ argv, path, fds: new Map([[0, devnull], [1, ctx.proc.fd(1)], [2, ctx.proc.fd(2)]]) });
        const r = await ctx.wait(child);
        if (!r || r.kind !== 'exited') continue;
        const st = r.status;
        if (st.signal !== undefined) {
          await ctx.error(`${argv[0]}: terminated by signal ${st.signal}`);
          return 125;
        }
        if (st.code === 255) {
          await ctx.error(`${argv[0]}: exited with status 255; aborting`);
          return 124;
        }
        if (st.code !== 0) status = 123;
      }
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.error(e.message);
      return 1;
    } finally {
      devnull?.close();
    }
    if (quoteError) {
      await ctx.error(quoteError);
      return 1;
    }
    return status;
  },
};
