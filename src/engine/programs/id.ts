import type { Ctx, ProgramSpec } from './context';
import { groupName, lookupUser, readGroups, userName } from './lib/users';

/** id [-u|-g|-G] [-n] [USER] */
export const id: ProgramSpec = {
  name: 'id',
  summary: 'print real and effective user and group IDs',
  usage: 'id [OPTION]... [USER]...',
  description: 'Print user and group information for each specified USER, or (when USER omitted) for the current process.\n\n  -g, --group    print only the effective group ID\n  -G, --groups   print all group IDs\n  -n, --name     print a name instead of a number, for -ugG\n  -u, --user     print only the effective user ID',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ u: { short: 'u', long: 'user' }, g: { short: 'g', long: 'group' }, G: { short: 'G', long: 'groups' }, n: { short: 'n', long: 'name' }, r: { short: 'r', long: 'real' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    let uid = ctx.proc.cred.uid;
    let gid = ctx.proc.cred.gid;
    let groups = ctx.proc.cred.groups;
    if (a.operands[0] !== undefined) {
      const u = lookupUser(ctx, a.operands[0]);
      if (!u) {
        await ctx.error(`‘${a.operands[0]}’: no such user`);
        return 1;
      }
      uid = u.uid;
      gid = u.gid;
      groups = [u.gid, ...readGroups(ctx).filter((g) => g.members.includes(u.name)).map((g) => g.gid)];
    }
    const name = !!a.opts.n;
    if ([a.opts.u, a.opts.g, a.opts.G].filter(Boolean).length > 1) {
      await ctx.err("id: cannot print \"only\" of more than one choice\n");
      return 1;
    }
    if (a.opts.u) await ctx.out(`${name ? userName(ctx, uid) : uid}\n`);
    else if (a.opts.g) await ctx.out(`${name ? groupName(ctx, gid) : gid}\n`);
    else if (a.opts.G) await ctx.out(groups.map((g) => (name ? groupName(ctx, g) : g)).join(' ') + '\n');
    else {
      const gs = groups.map((g) => `${g}(${groupName(ctx, g)})`).join(',');
      await ctx.out(`uid=${uid}(${userName(ctx, uid)}) gid=${gid}(${groupName(ctx, gid)}) groups=${gs}\n`);
    }
    return 0;
  },
};

/** whoami: the effective user's name. */
export const whoami: ProgramSpec = {
  name: 'whoami',
  summary: 'print effective user name',
  usage: 'whoami [OPTION]...',
  async run(ctx: Ctx) {
    if (ctx.args.length) {
      await ctx.err(`whoami: extra operand ‘${ctx.args[0]}’\nTry 'whoami --help' for more information.\n`);
      return 1;
    }
    await ctx.out(userName(ctx, ctx.proc.cred.uid) + '\n');
    return 0;
  },
};

/** groups [USER]: the group names of a user. */
export const groups: ProgramSpec = {
  name: 'groups',
  summary: 'print the groups a user is in',
  usage: 'groups [OPTION]... [USERNAME]...',
  async run(ctx: Ctx) {
    if (ctx.args[0]) {
      const u = lookupUser(ctx, ctx.args[0]);
      if (!u) {
        await ctx.error(`‘${ctx.args[0]}’: no such user`);
        return 1;
      }
      const gs = [u.gid, ...readGroups(ctx).filter((g) => g.members.includes(u.name)).map((g) => g.gid)];
      await ctx.out(`${u.name} : ${gs.map((g) => groupName(ctx, g)).join(' ')}\n`);
      return 0;
    }
    await ctx.out(ctx.proc.cred.groups.map((g) => groupName(ctx, g)).join(' ') + '\n');
    return 0;
  },
};
