import type { Ctx, ProgramSpec } from './context';
import { runProgram } from './context';

/** The applets this busybox provides, each run by the simulator's program of the same name. */
const APPLETS = [
  'sh', 'ls', 'cat', 'echo', 'ps', 'hostname', 'sleep', 'find', 'mkdir', 'rm', 'id', 'uname', 'env', 'true', 'false',
  'grep', 'sed', 'head', 'tail', 'wc', 'sort', 'uniq', 'tr', 'cut', 'date', 'df', 'du', 'touch', 'chmod', 'chown', 'cp', 'mv', 'ln', 'pwd',
  'readlink', 'stat', 'tar', 'gzip', 'gunzip', 'zcat', 'basename', 'dirname', 'tee', 'xargs', 'seq', 'md5sum', 'sha256sum', 'base64',
  'whoami', 'printf', 'free', 'kill', 'top', 'uptime', 'nproc', 'realpath', 'which', 'mount', 'umount', 'clear', 'tty', 'stty', 'rev',
  'tac', 'nl', 'rmdir', 'yes', 'vi', 'ifconfig', 'ip', 'ping', 'wget',
];

/**
 * busybox: one binary, many commands, chosen by the name it is called as (argv[0]) — the
 * multi-call design of alpine and busybox images.
 * @sim partial: the applets behave as the simulator's GNU-style programs, not busybox's own.
 */
export const busybox: ProgramSpec = {
  name: 'busybox',
  summary: 'multi-call binary',
  usage: 'busybox [function [arguments]...]',
  onHost: false,
  async run(ctx: Ctx) {
    let argv = ctx.argv;
    let name = argv[0].split('/').pop()!.replace(/^-/, '');
    if (name === 'busybox') {
      if (argv.length < 2) {
        await ctx.out(`BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: busybox [function [arguments]...]\n\nCurrently defined functions:\n\t${APPLETS.join(', ')}\n`);
        return 0;
      }
      argv = argv.slice(1);
      name = argv[0];
    }
    const spec = APPLETS.includes(name) ? ctx.programs?.get(name === 'vi' ? 'vim' : name) : undefined;
    if (!spec) {
      await ctx.err(`${name}: applet not found\n`);
      return 127;
    }
    ctx.proc.argv = argv;
    return runProgram(spec, ctx.proc, ctx.programs);
  },
};
