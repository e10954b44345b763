import type { Ctx, ProgramSpec } from './context';

/**
 * mount: lists the mount table of the caller's mount namespace (`source on dir type fstype (opts)`).
 * @sim partial: mounting new filesystems comes with the union-filesystem lesson.
 */
export const mount: ProgramSpec = {
  name: 'mount',
  summary: 'mount a filesystem',
  usage: 'mount [-l] [-t type]',
  dir: '/usr/bin',
  async run(ctx: Ctx) {
    const args = ctx.args;
    let type: string | undefined;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-t') type = args[++i];
      else if (args[i] === '-l') continue;
      else rest.push(args[i]);
    }
    if (rest.length === 0) {
      let out = '';
      for (const line of ctx.fs.readText(ctx.proc, '/proc/self/mounts').split('\n').filter(Boolean)) {
        const [src, dir, fstype, opts] = line.split(' ');
        if (type && fstype !== type) continue;
        out += `${src} on ${dir} type ${fstype} (${opts})\n`;
      }
      await ctx.out(out);
      return 0;
    }
    if (ctx.proc.cred.uid !== 0) {
      await ctx.err(`mount: ${rest[rest.length - 1]}: must be superuser to use mount.\n       dmesg(1) may have more information after failed mount system call.\n`);
      return 32;
    }
    await ctx.err(`mount: ${rest[rest.length - 1]}: unknown filesystem type '${type ?? 'none'}'.\n       dmesg(1) may have more information after failed mount system call.\n`);
    return 32;
  },
};
