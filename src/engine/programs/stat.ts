import type { Ctx, ProgramSpec } from './context';
import type { Stat } from '../vfs/backend';
import { isSysError } from '../kernel/errors';
import { modeString, typeWords } from './lib/mode';
import { groupName, userName } from './lib/users';

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000000 +0000`;
}

/** stat prints UNKNOWN for an id without a name (the lookups return the number). */
const nameOr = (name: string, id: number) => (name === String(id) ? 'UNKNOWN' : name);

/** The S_IFMT bits of each file type, for %f. */
const TYPE_BITS: Record<Stat['type'], number> = { file: 0o100000, dir: 0o040000, symlink: 0o120000, chardev: 0o020000, blockdev: 0o060000, fifo: 0o010000, socket: 0o140000 };

/** printf(1)-style backslash escapes, which --printf interprets. */
function escapes(s: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"' };
  return s.replace(/\\([ntrabfv\\"])/g, (_m, c: string) => map[c]);
}

/** stat(1)'s format directives (-c, --printf). @sim partial: no %m mount lookup (always `/`), no %C. */
function format(fmt: string, name: string, st: Stat, ctx: Ctx, link: string): string {
  return fmt.replace(/%(.?)/gs, (_m, c: string) => {
    switch (c) {
      case '%': return '%';
      case 'n': return name;
      case 'N': return st.type === 'symlink' ? `'${name}' -> '${link}'` : `'${name}'`;
      case 's': return String(st.size);
      case 'a': return st.mode.toString(8);
      case 'A': return modeString(st);
      case 'u': return String(st.uid);
      case 'U': return nameOr(userName(ctx, st.uid), st.uid);
      case 'g': return String(st.gid);
      case 'G': return nameOr(groupName(ctx, st.gid), st.gid);
      case 'F': return typeWords(st);
      case 'i': return String(st.ino);
      case 'h': return String(st.nlink);
      case 'b': return String(st.blocks);
      case 'B': return '512';
      case 'd': return String(st.dev);
      case 'D': return st.dev.toString(16);
      case 'o': return '4096';
      case 'X': return String(Math.floor(st.atimeMs / 1000));
      case 'Y': return String(Math.floor(st.mtimeMs / 1000));
      case 'Z': return String(Math.floor(st.ctimeMs / 1000));
      case 'x': return stamp(st.atimeMs);
      case 'y': return stamp(st.mtimeMs);
      case 'z': return stamp(st.ctimeMs);
      case 'w': return '-';
      case 'W': return '0';
      case 'f': return ((TYPE_BITS[st.type] | st.mode) >>> 0).toString(16);
      case 't': return ((st.rdev ?? 0) >> 8).toString(16);
      case 'T': return ((st.rdev ?? 0) & 0xff).toString(16);
      case 'm': return '/';
      case '': return '%';
      default: return '?';
    }
  });
}

/** stat [-L] [-c FORMAT] FILE... */
export const stat: ProgramSpec = {
  name: 'stat',
  summary: 'display file or file system status',
  usage: 'stat [OPTION]... FILE...',
  description: 'Display file or file system status.\n\n  -L, --dereference     follow links\n  -c  --format=FORMAT   use the specified FORMAT instead of the default (%n %s %a %A %U %G %u %g %F %i %h %y ...)',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ L: { short: 'L', long: 'dereference' }, c: { short: 'c', long: 'format', value: true }, printf: { long: 'printf', value: true }, t: { short: 't', long: 'terse' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length === 0) {
      await ctx.err("stat: missing operand\nTry 'stat --help' for more information.\n");
      return 1;
    }
    let status = 0;
    let out = '';
    for (const f of a.operands) {
      let st: Stat;
      let link = '';
      try {
        st = a.opts.L ? ctx.fs.stat(ctx.proc, f) : ctx.fs.lstat(ctx.proc, f);
        if (st.type === 'symlink') link = ctx.fs.readlink(ctx.proc, f);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        await ctx.out(out);
        out = '';
        await ctx.error(`cannot statx '${f}': ${e.message}`);
        continue;
      }
      if (typeof a.opts.printf === 'string') {
        out += format(escapes(a.opts.printf), f, st, ctx, link);
        continue;
      }
      if (typeof a.opts.c === 'string') {
        out += format(a.opts.c, f, st, ctx, link) + '\n';
        continue;
      }
      if (a.opts.t) {
        out += format('%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o', f, st, ctx, link) + '\n';
        continue;
      }
      const dev = `${st.dev >> 8},${st.dev & 0xff}`;
      const name = st.type === 'symlink' ? `${f} -> ${link}` : f;
      const isDev = st.type === 'chardev' || st.type === 'blockdev';
      const links = isDev ? `${String(st.nlink).padEnd(5)} Device type: ${(st.rdev ?? 0) >> 8},${(st.rdev ?? 0) & 0xff}` : String(st.nlink);
      out += `  File: ${name}\n`;
      out += `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(st.blocks).padEnd(10)} IO Block: 4096   ${typeWords(st)}\n`;
      out += `Device: ${dev}\tInode: ${String(st.ino).padEnd(10)}  Links: ${links}\n`;
      out += `Access: (${st.mode.toString(8).padStart(4, '0')}/${modeString(st)})  Uid: (${String(st.uid).padStart(5)}/${nameOr(userName(ctx, st.uid), st.uid).padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${nameOr(groupName(ctx, st.gid), st.gid).padStart(8)})\n`;
      // @sim partial: the VFS keeps no birth time, so Birth is `-` as on filesystems without one.
      out += `Access: ${stamp(st.atimeMs)}\nModify: ${stamp(st.mtimeMs)}\nChange: ${stamp(st.ctimeMs)}\n Birth: -\n`;
    }
    await ctx.out(out);
    return status;
  },
};
