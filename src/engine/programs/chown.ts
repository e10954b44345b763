import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { groupName, lookupGroup, lookupUser, userName } from './lib/users';

/** chown [-Rvh] OWNER[:GROUP] FILE... */
export const chown: ProgramSpec = {
  name: 'chown',
  summary: 'change file owner and group',
  usage: 'chown [OPTION]... [OWNER][:[GROUP]] FILE...',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ R: { short: 'R', long: 'recursive' }, v: { short: 'v', long: 'verbose' }, c: { short: 'c', long: 'changes' }, f: { short: 'f', long: 'silent' }, h: { short: 'h', long: 'no-dereference' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length < 2) {
      await ctx.err(a.operands.length ? `chown: missing operand after ‘${a.operands[0]}’\nTry 'chown --help' for more information.\n` : "chown: missing operand\nTry 'chown --help' for more information.\n");
      return 1;
    }
    const [spec, ...files] = a.operands;
    const sep = spec.includes(':') ? ':' : spec.includes('.') && !lookupUser(ctx, spec) ? '.' : ':';
    const [userPart, groupPart] = spec.split(sep, 2);
    let uid: number | undefined;
    let gid: number | undefined;
    if (userPart) {
      const u = lookupUser(ctx, userPart);
      if (!u) {
        await ctx.error(`${spec.endsWith(sep) ? 'invalid spec' : 'invalid user'}: ‘${spec}’`);
        return 1;
      }
      uid = u.uid;
      if (groupPart === '' && spec.includes(sep)) gid = u.gid;
    }
    if (groupPart) {
      gid = lookupGroup(ctx, groupPart);
      if (gid === undefined) {
        await ctx.error(`invalid group: ‘${spec}’`);
        return 1;
      }
    }
    if (sep === '.') await ctx.err(`chown: warning: '.' should be ':': ‘${spec}’\n`);
    let status = 0;
    // Errors say "group" when only a group was asked for; -v always says "ownership", the old
    // owner in full and the new one as it was asked (`:GROUP` for a group alone).
    const what = uid === undefined && gid !== undefined ? 'group' : 'ownership';
    // A group alone given by number is reported GNU's other way: "changed group of 'f' from A to B".
    const groupStyle = uid === undefined && gid !== undefined && /^:\d+$/.test(spec);
    const before = (u: number, g: number) =>
      groupStyle ? groupName(ctx, g) : (gid === undefined ? userName(ctx, u) : `${userName(ctx, u)}:${groupName(ctx, g)}`);
    const after = (u: number, g: number) =>
      groupStyle ? groupName(ctx, g) : uid === undefined ? `:${groupName(ctx, g)}` : gid === undefined ? userName(ctx, u) : `${userName(ctx, u)}:${groupName(ctx, g)}`;
    const change = async (p: string) => {
      await ctx.checkpoint();
      let st;
      try {
        st = a.opts.h ? ctx.fs.lstat(ctx.proc, p) : ctx.fs.stat(ctx.proc, p);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        await ctx.error(`cannot access '${p}': ${e.message}`);
        return;
      }
      // Like fts, the directory itself is changed after its contents.
      if (a.opts.R && st.type === 'dir' && ctx.fs.lstat(ctx.proc, p).type === 'dir') {
        let names: string[] = [];
        try {
          names = ctx.fs.readdir(ctx.proc, p);
        } catch (e) {
          if (!isSysError(e)) throw e;
          status = 1;
          await ctx.error(`cannot read directory '${p}': ${e.message}`);
        }
        for (const n of names) await change(`${p.replace(/\/+$/, '')}/${n}`);
      }
      const nu = uid ?? st.uid;
      const ng = gid ?? st.gid;
      try {
        ctx.fs.chown(ctx.proc, p, nu, ng, !a.opts.h);
        const same = nu === st.uid && ng === st.gid;
        if (!same && (a.opts.v || a.opts.c)) await ctx.out(`changed ${groupStyle ? 'group' : 'ownership'} of '${p}' from ${before(st.uid, st.gid)} to ${after(nu, ng)}\n`);
        else if (same && a.opts.v) await ctx.out(`${groupStyle ? 'group' : 'ownership'} of '${p}' retained as ${before(nu, ng)}\n`);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        if (!a.opts.f) await ctx.error(`changing ${what} of '${p}': ${e.message}`);
        if (a.opts.v) await ctx.out(`failed to change ${groupStyle ? 'group' : 'ownership'} of '${p}' from ${before(st.uid, st.gid)} to ${after(nu, ng)}\n`);
      }
    };
    for (const f of files) await change(f);
    return status;
  },
};
