import type { Ctx, ProgramSpec } from './context';
import { KERNEL } from '../kernel/version';


/** uname [-asnrvmpio] */
export const uname: ProgramSpec = {
  name: 'uname',
  summary: 'print system information',
  usage: 'uname [OPTION]...',
  description: '  -a, --all                print all information\n  -s, --kernel-name        print the kernel name\n  -n, --nodename           print the network node hostname\n  -r, --kernel-release     print the kernel release\n  -v, --kernel-version     print the kernel version\n  -m, --machine            print the machine hardware name\n  -o, --operating-system   print the operating system',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      a: { short: 'a', long: 'all' }, s: { short: 's', long: 'kernel-name' }, n: { short: 'n', long: 'nodename' },
      r: { short: 'r', long: 'kernel-release' }, v: { short: 'v', long: 'kernel-version' }, m: { short: 'm', long: 'machine' },
      p: { short: 'p', long: 'processor' }, i: { short: 'i', long: 'hardware-platform' }, o: { short: 'o', long: 'operating-system' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length) {
      await ctx.err(`uname: extra operand ‘${a.operands[0]}’\nTry 'uname --help' for more information.\n`);
      return 1;
    }
    const o = a.opts;
    const all = !!o.a;
    const parts: string[] = [];
    if (all || o.s || !(o.n || o.r || o.v || o.m || o.p || o.i || o.o)) parts.push(KERNEL.sysname);
    if (all || o.n) parts.push(ctx.proc.ns.uts.hostname);
    if (all || o.r) parts.push(KERNEL.release);
    if (all || o.v) parts.push(KERNEL.version);
    if (all || o.m) parts.push(KERNEL.machine);
    if (o.p) parts.push('unknown');
    if (o.i) parts.push('unknown');
    if (all || o.o) parts.push(KERNEL.os);
    await ctx.out(parts.join(' ') + '\n');
    return 0;
  },
};

/** hostname [NAME]: shows (or, as root, sets) the UTS namespace's host name. */
export const hostname: ProgramSpec = {
  name: 'hostname',
  summary: 'show or set the system\'s host name',
  usage: 'hostname [NAME]',
  async run(ctx: Ctx) {
    const args = ctx.args.filter((x) => x !== '-s' && x !== '--short');
    if (args.length === 0) {
      const h = ctx.proc.ns.uts.hostname;
      await ctx.out((ctx.args.length ? h.split('.')[0] : h) + '\n');
      return 0;
    }
    if (ctx.proc.cred.uid !== 0) {
      await ctx.err('hostname: you must be root to change the host name\n');
      return 1;
    }
    ctx.proc.ns.uts.hostname = args[0];
    return 0;
  },
};
