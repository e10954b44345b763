import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { OverlayFs, type Branch } from '../vfs/overlay';
import { SubtreeFs } from '../vfs/subtree';
import type { CopyUpEvent, WhiteoutEvent } from '../kernel/events';

const BAD_OPTIONS = (target: string, source: string) =>
  `mount: ${target}: wrong fs type, bad option, bad superblock on ${source}, missing codepage or helper program, or other error.\n       dmesg(1) may have more information after failed mount system call.\n`;

/**
 * mount [-t TYPE] [-o OPTIONS] SOURCE DIR: lists the mount table, or mounts a union filesystem —
 * `overlay` (lowerdir=A:B,upperdir=U,workdir=W) or the seed articles' `aufs` (dirs=RW:RO…).
 * @sim partial: only overlay, aufs, tmpfs and proc can be mounted; no bind mounts yet.
 */
export const mount: ProgramSpec = {
  name: 'mount',
  summary: 'mount a filesystem',
  usage: 'mount [-l] [-t type]\n mount -t overlay overlay -o lowerdir=<dirs>,upperdir=<dir>,workdir=<dir> <directory>\n mount -t aufs -o dirs=<rw-dir>:<ro-dir>... none <directory>',
  description: 'Without arguments, list the mounted filesystems. With a type, options, a source and a directory, mount a union of directories on the directory:\n  overlay: lowerdir=A:B (topmost first, read-only), upperdir=U (writable), workdir=W\n  aufs:    dirs=A:B (the first branch writable, the others read-only; BRANCH=rw or =ro to choose)',
  async run(ctx: Ctx) {
    const args = ctx.args;
    let type: string | undefined;
    const options: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-t') type = args[++i];
      else if (args[i] === '-o') options.push(...(args[++i] ?? '').split(','));
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
    const [source, target] = rest.length === 1 ? ['none', rest[0]] : rest;
    if (ctx.proc.cred.uid !== 0) {
      await ctx.err(`mount: ${target}: must be superuser to use mount.\n       dmesg(1) may have more information after failed mount system call.\n`);
      return 32;
    }
    try {
      if (!ctx.fs.exists(ctx.proc, target)) {
        await ctx.err(`mount: ${target}: mount point does not exist.\n       dmesg(1) may have more information after failed mount system call.\n`);
        return 32;
      }
      const dirOf = (p: string): Branch => {
        const canon = ctx.fs.realpath(ctx.proc, p);
        if (ctx.fs.stat(ctx.proc, canon).type !== 'dir') throw new Error('not a directory');
        return { fs: new SubtreeFs(ctx.fs, canon), name: canon };
      };
      const opt = (k: string) => options.find((o) => o.startsWith(`${k}=`))?.slice(k.length + 1);
      const emit = (e: CopyUpEvent | WhiteoutEvent) => ctx.kernel.events.emit({ ...e, path: `${ctx.fs.realpath(ctx.proc, target)}${e.path === '/' ? '' : e.path}` });
      let backend;
      let shown: string[];
      if (type === 'overlay') {
        const lowerdir = opt('lowerdir');
        const upperdir = opt('upperdir');
        const workdir = opt('workdir');
        if (!lowerdir || (upperdir && !workdir)) {
          await ctx.err(BAD_OPTIONS(target, source));
          return 32;
        }
        let lowers: Branch[];
        let upper: Branch | null;
        try {
          lowers = lowerdir.split(':').map(dirOf);
          upper = upperdir ? dirOf(upperdir) : null;
          if (workdir) dirOf(workdir);
        } catch {
          await ctx.err(`mount: ${target}: special device ${source} does not exist.\n       dmesg(1) may have more information after failed mount system call.\n`);
          return 32;
        }
        backend = new OverlayFs(lowers, upper, emit, 'overlay');
        shown = [upper ? 'rw' : 'ro', 'relatime', `lowerdir=${lowerdir}`, ...(upperdir ? [`upperdir=${upperdir}`, `workdir=${workdir}`] : [])];
      } else if (type === 'aufs') {
        const dirs = opt('dirs') ?? opt('br');
        if (!dirs) {
          await ctx.err(BAD_OPTIONS(target, source));
          return 32;
        }
        const branches = dirs.split(':').map((b, i) => {
          const [path, mode] = b.split('=');
          return { path, writable: mode ? mode === 'rw' : i === 0 };
        });
        let all: { branch: Branch; writable: boolean }[];
        try {
          all = branches.map((b) => ({ branch: dirOf(b.path), writable: b.writable }));
        } catch {
          await ctx.err(`mount: ${target}: special device ${source} does not exist.\n       dmesg(1) may have more information after failed mount system call.\n`);
          return 32;
        }
        const upper = all[0].writable ? all[0].branch : null;
        const lowers = (upper ? all.slice(1) : all).map((b) => b.branch);
        backend = new OverlayFs(lowers, upper, emit, 'aufs');
        shown = ['rw', 'relatime', `si=${ctx.kernel.random.hex(16)}`];
      } else if (type === undefined) {
        await ctx.err(`mount: ${target}: can't find in /etc/fstab.\n`);
        return 1;
      } else {
        await ctx.err(`mount: ${target}: unknown filesystem type '${type}'.\n       dmesg(1) may have more information after failed mount system call.\n`);
        return 32;
      }
      ctx.fs.mount(ctx.proc, target, backend, source, shown);
      return 0;
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.err(`mount: ${target}: ${e.message}.\n`);
      return 32;
    }
  },
};

/** umount DIR: detaches the filesystem mounted there. */
export const umount: ProgramSpec = {
  name: 'umount',
  summary: 'unmount filesystems',
  usage: 'umount <directory>',
  async run(ctx: Ctx) {
    const target = ctx.args.find((a) => !a.startsWith('-'));
    if (!target) {
      await ctx.err("umount: bad usage\nTry 'umount --help' for more information.\n");
      return 1;
    }
    if (ctx.proc.cred.uid !== 0) {
      await ctx.err(`umount: ${target}: must be superuser to unmount.\n`);
      return 32;
    }
    try {
      ctx.fs.umount(ctx.proc, target);
      return 0;
    } catch (e) {
      if (!isSysError(e)) throw e;
      const why = e.code === 'EINVAL' ? 'not mounted' : e.code === 'EBUSY' ? 'target is busy' : e.code === 'ENOENT' ? 'no mount point specified' : e.message;
      await ctx.err(`umount: ${target}: ${why}.\n`);
      return 32;
    }
  },
};
