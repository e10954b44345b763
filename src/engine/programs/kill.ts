import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { parseSignal, signalName, SIG } from '../kernel/signals';

/** kill [-s SIGNAL | -SIGNAL] PID... | kill -l [SIGNAL] (procps-ng's /usr/bin/kill). */
export const kill: ProgramSpec = {
  name: 'kill',
  summary: 'send a signal to a process',
  usage: 'kill [options] <pid> [...]',
  description: 'Options:\n  <pid> [...]            send signal to every <pid> listed\n  -<signal>, -s, --signal <signal>\n                         specify the <signal> to be sent\n  -l, --list=[<signal>]  list all signal names, or convert one to a name',
  async run(ctx: Ctx) {
    const args = ctx.args;
    let sig: number = SIG.SIGTERM;
    let i = 0;
    if (args[0] === '-l' || args[0] === '--list' || args[0] === '-L') {
      if (args[1] !== undefined) {
        const n = Number(args[1]);
        const name = Number.isNaN(n) ? (parseSignal(args[1]) ?? undefined) : signalName(n > 128 ? n - 128 : n)?.slice(3);
        if (name === undefined) {
          await ctx.err(`kill: unknown signal: ${args[1]}\n`);
          return 1;
        }
        await ctx.out(`${name}\n`);
        return 0;
      }
      const names = Array.from({ length: 31 }, (_, k) => signalName(k + 1)!.slice(3));
      await ctx.out(names.join(' ') + '\n');
      return 0;
    }
    if (args[0] === '-s' || args[0] === '--signal') {
      const s = parseSignal(args[1] ?? '');
      if (s === undefined) {
        await ctx.err(`kill: unknown signal: ${args[1]}\n`);
        return 1;
      }
      sig = s;
      i = 2;
    } else if (args[0]?.startsWith('-') && args[0] !== '--' && !/^-\d+$/.test(args[0]) || (args[0] && /^-\d+$/.test(args[0]) && args.length > 1)) {
      const s = parseSignal(args[0].slice(1));
      if (s === undefined) {
        await ctx.err(`kill: unknown signal: ${args[0].slice(1)}\n`);
        return 1;
      }
      sig = s;
      i = 1;
    }
    if (args[i] === '--') i++;
    const targets = args.slice(i);
    if (targets.length === 0) {
      await ctx.err('\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n <pid> [...]            send signal to every <pid> listed\n -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n -l, --list=[<signal>]  list all signal names, or convert one to a name\n -L, --table            list all signal names in a nice table\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see kill(1).\n');
      return 1;
    }
    let status = 0;
    for (const t of targets) {
      if (!/^-?\d+$/.test(t)) {
        await ctx.err(`kill: failed to parse argument: '${t}'\n`);
        status = 1;
        continue;
      }
      try {
        ctx.kernel.kill(ctx.proc, Number(t), sig);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        await ctx.err(`kill: (${t}) - ${e.message}\n`);
      }
    }
    return status;
  },
};
