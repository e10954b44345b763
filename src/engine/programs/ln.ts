import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { basename } from '../vfs/path';
import { isDir } from './lib/copy';

/** ln [-sfv] TARGET LINK_NAME, or ln TARGET... DIRECTORY */
export const ln: ProgramSpec = {
  name: 'ln',
  summary: 'make links between files',
  usage: 'ln [OPTION]... [-T] TARGET LINK_NAME',
  description: 'Create hard links by default, symbolic links with --symbolic.\n\n  -f, --force      remove existing destination files\n  -s, --symbolic   make symbolic links instead of hard links\n  -v, --verbose    print name of each linked file',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ s: { short: 's', long: 'symbolic' }, f: { short: 'f', long: 'force' }, v: { short: 'v', long: 'verbose' }, n: { short: 'n', long: 'no-dereference' }, T: { short: 'T' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const ops = a.operands;
    if (ops.length === 0) {
      await ctx.err("ln: missing file operand\nTry 'ln --help' for more information.\n");
      return 1;
    }
    const pairs: [string, string][] = [];
    if (ops.length === 1) pairs.push([ops[0], basename(ops[0])]);
    else {
      const last = ops[ops.length - 1];
      const intoDir = !a.opts.T && !(a.opts.n && isLink(ctx, last)) && isDir(ctx, last);
      if (ops.length > 2 && !intoDir) {
        await ctx.error(`target '${last}' is not a directory`);
        return 1;
      }
      for (const t of ops.slice(0, -1)) pairs.push([t, intoDir ? `${last.replace(/\/+$/, '')}/${basename(t)}` : last]);
    }
    let status = 0;
    for (const [target, name] of pairs) {
      try {
        if (a.opts.f && (ctx.fs.exists(ctx.proc, name) || isLink(ctx, name)) && !isDir(ctx, name)) ctx.fs.unlink(ctx.proc, name);
        if (a.opts.s) ctx.fs.symlink(ctx.proc, target, name);
        else ctx.fs.link(ctx.proc, target, name);
        if (a.opts.v) await ctx.out(`'${name}' ${a.opts.s ? '->' : '=>'} '${target}'\n`);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        if (e.code === 'EEXIST') await ctx.error(`failed to create ${a.opts.s ? 'symbolic' : 'hard'} link '${name}': File exists`);
        else if (!a.opts.s && e.code === 'ENOENT' && !ctx.fs.exists(ctx.proc, target)) await ctx.error(`failed to access '${target}': ${e.message}`);
        else if (!a.opts.s && e.code === 'EPERM') await ctx.error(`${target}: hard link not allowed for directory`);
        else await ctx.error(`failed to create ${a.opts.s ? 'symbolic' : 'hard'} link '${name}'${a.opts.s ? '' : ` => '${target}'`}: ${e.message}`);
      }
    }
    return status;
  },
};

function isLink(ctx: Ctx, p: string): boolean {
  try {
    return ctx.fs.lstat(ctx.proc, p).type === 'symlink';
  } catch {
    return false;
  }
}
