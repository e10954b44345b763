import type { Ctx, ProgramSpec } from './context';
import { isSysError, SysError } from '../kernel/errors';
import { components } from '../vfs/path';

/**
 * How much of a path must exist for canonicalize: `all` (-e), `parents` (every component but
 * the last: -f, and realpath's default) or `none` (-m).
 */
export type CanonMode = 'all' | 'parents' | 'none';

/**
 * gnulib's canonicalize_filename_mode: an absolute name with `.`, `..` and every symlink
 * resolved, component by component. Throws the SysError of the first component that fails.
 */
export function canonicalize(ctx: Ctx, path: string, mode: CanonMode): string {
  if (path === '') throw new SysError('ENOENT');
  let todo = components(path);
  if (!path.startsWith('/')) todo = [...components(ctx.cwd), ...todo];
  let cur: string[] = [];
  let links = 0;
  while (todo.length) {
    const c = todo.shift()!;
    if (c === '.') continue;
    if (c === '..') {
      cur.pop();
      continue;
    }
    const next = '/' + [...cur, c].join('/');
    let st;
    try {
      st = ctx.fs.lstat(ctx.proc, next);
    } catch (e) {
      if (!isSysError(e)) throw e;
      const last = todo.length === 0;
      if (mode === 'none' || (mode === 'parents' && last && e.code === 'ENOENT')) {
        cur.push(c);
        continue;
      }
      throw e;
    }
    if (st.type === 'symlink') {
      if (++links > 40) throw new SysError('ELOOP');
      const target = ctx.fs.readlink(ctx.proc, next);
      if (target.startsWith('/')) cur = [];
      todo = [...components(target), ...todo];
      continue;
    }
    if (st.type !== 'dir' && todo.some((x) => x !== '.')) {
      if (mode !== 'none') throw new SysError('ENOTDIR');
    }
    cur.push(c);
  }
  return '/' + cur.join('/');
}

/** readlink [-f|-e|-m] [-n] [-z] [-v] FILE... */
export const readlink: ProgramSpec = {
  name: 'readlink',
  summary: 'print resolved symbolic links or canonical file names',
  usage: 'readlink [OPTION]... FILE...',
  description: 'Print value of a symbolic link or canonical file name\n\n  -f, --canonicalize            canonicalize by following every symlink in\n                                every component of the given name recursively;\n                                all but the last component must exist\n  -e, --canonicalize-existing   canonicalize by following every symlink in\n                                every component of the given name recursively,\n                                all components must exist\n  -m, --canonicalize-missing    canonicalize by following every symlink in\n                                every component of the given name recursively,\n                                without requirements on components existence\n  -n, --no-newline              do not output the trailing delimiter\n  -v, --verbose                 report error messages\n  -z, --zero                    end each output line with NUL, not newline',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      f: { short: 'f', long: 'canonicalize' }, e: { short: 'e', long: 'canonicalize-existing' }, m: { short: 'm', long: 'canonicalize-missing' },
      n: { short: 'n', long: 'no-newline' }, q: { short: 'q', long: 'quiet' }, s: { short: 's', long: 'silent' }, v: { short: 'v', long: 'verbose' }, z: { short: 'z', long: 'zero' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const files = a.operands;
    if (files.length === 0) {
      await ctx.err("readlink: missing operand\nTry 'readlink --help' for more information.\n");
      return 1;
    }
    // The last of -f, -e and -m given wins, as with getopt in GNU's loop.
    const flags = ctx.args.filter((x) => /^-[a-z]+$/.test(x)).join('');
    const lastMode = [...flags].reverse().find((c) => 'fem'.includes(c));
    const mode: CanonMode | undefined = lastMode === 'f' ? 'parents' : lastMode === 'e' ? 'all' : lastMode === 'm' ? 'none' : undefined;
    let noNewline = !!a.opts.n;
    if (noNewline && files.length > 1) {
      await ctx.err('readlink: ignoring --no-newline with multiple arguments\n');
      noNewline = false;
    }
    const end = a.opts.z ? '\0' : noNewline ? '' : '\n';
    let status = 0;
    for (const f of files) {
      try {
        await ctx.out((mode ? canonicalize(ctx, f, mode) : ctx.fs.readlink(ctx.proc, f)) + end);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        if (a.opts.v) await ctx.error(`${f}: ${e.message}`);
      }
    }
    return status;
  },
};

/** realpath [-e|-m] [-s] [-z] [-q] FILE...: the canonical absolute name. */
export const realpath: ProgramSpec = {
  name: 'realpath',
  summary: 'print the resolved path',
  usage: 'realpath [OPTION]... FILE...',
  description: 'Print the resolved absolute file name;\nall but the last component must exist\n\n  -e, --canonicalize-existing  all components of the path must exist\n  -m, --canonicalize-missing   no path components need exist or be a directory\n  -q, --quiet                  suppress most error messages\n  -s, --strip, --no-symlinks   don\'t expand symlinks\n  -z, --zero                   end each output line with NUL, not newline',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      e: { short: 'e', long: 'canonicalize-existing' }, m: { short: 'm', long: 'canonicalize-missing' }, q: { short: 'q', long: 'quiet' },
      s: { short: 's', long: 'strip' }, nosym: { long: 'no-symlinks' }, z: { short: 'z', long: 'zero' }, L: { short: 'L', long: 'logical' }, P: { short: 'P', long: 'physical' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const files = a.operands;
    if (files.length === 0) {
      await ctx.err("realpath: missing operand\nTry 'realpath --help' for more information.\n");
      return 1;
    }
    const mode: CanonMode = a.opts.e ? 'all' : a.opts.m ? 'none' : 'parents';
    let status = 0;
    for (const f of files) {
      try {
        // @sim partial: -s resolves `.` and `..` lexically but does not check existence.
        const out = a.opts.s || a.opts.nosym ? canonicalizeLexical(ctx, f) : canonicalize(ctx, f, mode);
        await ctx.out(out + (a.opts.z ? '\0' : '\n'));
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        if (!a.opts.q) await ctx.error(`${f}: ${e.message}`);
      }
    }
    return status;
  },
};

function canonicalizeLexical(ctx: Ctx, p: string): string {
  const out: string[] = [];
  for (const c of [...(p.startsWith('/') ? [] : components(ctx.cwd)), ...components(p)]) {
    if (c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}
