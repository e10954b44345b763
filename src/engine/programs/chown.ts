import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { lookupGroup, lookupUser } from './lib/users';

/** chown [-Rvh] OWNER[:GROUP] FILE... */
export const chown: ProgramSpec = {
  name: 'chown',
  summary: 'change file owner and group',
  usage: 'chown [OPTION]... [OWNER][:[GROUP]] FILE...',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ R: { short: 'R', long: 'recursive' }, v: { short: 'v', long: 'verbose' }, h: { short: 'h', long: 'no-dereference' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length < 2) {
      await ctx.err(a.operands.length ? `chown: missing operand after ‘${a.operands[0]}’\nTry 'chown --help' for more information.\n` : "chown: missing operand\nTry 'chown --help' for more information.\n");
      return 1;
    }
    const [spec, ...files] = a.operands;
    const [userPart, groupPart] = spec.split(/[:.]/, 2);
    let uid: number | undefined;
    let gid: number | undefined;
    if (userPart) {
      const u = lookupUser(ctx, userPart);
      if (!u) {
        await ctx.error(`invalid user: ‘${spec}’`);
        return 1;
      }
      uid = u.uid;
      if (groupPart === '' && spec.includes(':')) gid = u.gid;
    }
    if (groupPart) {
      gid = lookupGroup(ctx, groupPart);
      if (gid === undefined) {
        await ctx.error(`invalid group: ‘${spec}’`);
        return 1;
      }
    }
    let status = 0;
    const change = async (p: string) => {
      await ctx.checkpoint();
      try {
        const st = a.opts.h ? ctx.fs.lstat(ctx.proc, p) : ctx.fs.stat(ctx.proc, p);
        ctx.fs.chown(ctx.proc, p, uid ?? st.uid, gid ?? st.gid, !a.opts.h);
        if (a.opts.v) await ctx.out(`changed ownership of '${p}' to ${spec}\n`);
        if (a.opts.R && st.type === 'dir') for (const n of ctx.fs.readdir(ctx.proc, p)) await change(`${p.replace(/\/+$/, '')}/${n}`);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        if (e.code === 'ENOENT') await ctx.error(`cannot access '${p}': ${e.message}`);
        else await ctx.error(`changing ownership of '${p}': ${e.message}`);
      }
    };
    for (const f of files) await change(f);
    return status;
  },
};
