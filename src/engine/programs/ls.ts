import type { Ctx, ProgramSpec } from './context';
import type { Stat } from '../vfs/backend';
import { isSysError } from '../kernel/errors';
import { modeString } from './lib/mode';
import { groupName, userName } from './lib/users';

const SIX_MONTHS = 182.5 * 24 * 3600 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ls -l's date column: `Nov 22 11:02` for recent files, `Nov 22  2025` for old or future ones. */
export function lsDate(ms: number, now: number): string {
  const d = new Date(ms);
  const day = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  if (now - ms > SIX_MONTHS || ms - now > 3600 * 1000) return `${day}  ${d.getUTCFullYear()}`;
  return `${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** ls -h sizes: 4.0K, 1.2M. */
export function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = 'KMGTPE';
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

// GNU ls's default LS_COLORS on Debian: directories bold blue, links bold cyan, executables bold green.
function colour(name: string, st: Stat | undefined): string {
  if (!st) return name;
  let code = '';
  if (st.type === 'dir') code = st.mode & 0o1000 && st.mode & 0o002 ? '30;42' : '01;34';
  else if (st.type === 'symlink') code = '01;36';
  else if (st.type === 'chardev' || st.type === 'blockdev') code = '40;33;01';
  else if (st.type === 'fifo') code = '40;33';
  else if (st.mode & 0o111) code = '01;32';
  return code ? `\x1b[${code}m${name}\x1b[0m` : name;
}

interface Entry {
  name: string;
  path: string;
  st?: Stat;
}

/** ls [-laAdhR1FitrSn] [--color[=WHEN]] [FILE]... */
export const ls: ProgramSpec = {
  name: 'ls',
  summary: 'list directory contents',
  usage: 'ls [OPTION]... [FILE]...',
  usageStatus: 2,
  description: 'List information about the FILEs (the current directory by default).\n\n  -a, --all             do not ignore entries starting with .\n  -A, --almost-all      do not list implied . and ..\n  -d, --directory       list directories themselves, not their contents\n  -F, --classify        append indicator (one of */=>@|) to entries\n  -h, --human-readable  with -l, print sizes like 1K 234M 2G\n  -i, --inode           print the index number of each file\n  -l                    use a long listing format\n  -n, --numeric-uid-gid like -l, but list numeric user and group IDs\n  -r, --reverse         reverse order while sorting\n  -R, --recursive       list subdirectories recursively\n  -S                    sort by file size, largest first\n  -t                    sort by time, newest first\n  -1                    list one file per line\n      --color[=WHEN]    color the output WHEN (always, auto, never)',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      a: { short: 'a', long: 'all' }, A: { short: 'A', long: 'almost-all' }, d: { short: 'd', long: 'directory' }, F: { short: 'F', long: 'classify' },
      h: { short: 'h', long: 'human-readable' }, i: { short: 'i', long: 'inode' }, l: { short: 'l' }, n: { short: 'n', long: 'numeric-uid-gid' },
      r: { short: 'r', long: 'reverse' }, R: { short: 'R', long: 'recursive' }, S: { short: 'S' }, t: { short: 't' }, one: { short: '1' },
      C: { short: 'C' }, color: { long: 'color', value: true, optionalValue: true }, U: { short: 'U' }, s: { short: 's', long: 'size' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 2;
    const o = a.opts;
    const long = !!(o.l || o.n);
    const whenColour = o.color === true ? 'always' : (o.color as string | undefined) ?? 'never';
    if (!['always', 'yes', 'force', 'never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(whenColour)) {
      await ctx.err(`ls: invalid argument ‘${whenColour}’ for ‘--color’\nValid arguments are:\n  - ‘always’, ‘yes’, ‘force’\n  - ‘never’, ‘no’, ‘none’\n  - ‘auto’, ‘tty’, ‘if-tty’\nTry 'ls --help' for more information.\n`);
      return 2;
    }
    const tty = ctx.isatty(1);
    const useColour = ['always', 'yes', 'force'].includes(whenColour) || (['auto', 'tty', 'if-tty'].includes(whenColour) && tty);
    const oneper = !!o.one || long || (!tty && !o.C);
    const now = ctx.kernel.clock.now();
    let status = 0;

    const stat = (p: string): Stat | undefined => {
      try {
        return ctx.fs.lstat(ctx.proc, p);
      } catch {
        return undefined;
      }
    };
    const sortEntries = (es: Entry[]): Entry[] => {
      let out = o.U ? es : [...es].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      if (o.S) out = out.sort((x, y) => (y.st?.size ?? 0) - (x.st?.size ?? 0));
      else if (o.t) out = out.sort((x, y) => (y.st?.mtimeMs ?? 0) - (x.st?.mtimeMs ?? 0));
      if (o.r) out.reverse();
      return out;
    };
    const indicator = (st?: Stat) => {
      if (!o.F || !st) return '';
      if (st.type === 'dir') return '/';
      if (st.type === 'symlink') return '@';
      if (st.type === 'fifo') return '|';
      if (st.type === 'socket') return '=';
      return st.mode & 0o111 ? '*' : '';
    };
    const shownName = (e: Entry) => (useColour ? colour(e.name, e.st) : e.name) + indicator(e.st);

    const render = async (entries: Entry[], showTotal: boolean) => {
      if (long) {
        const rows = entries.map((e) => {
          const st = e.st!;
          const owner = o.n ? String(st.uid) : userName(ctx, st.uid);
          const group = o.n ? String(st.gid) : groupName(ctx, st.gid);
          const size = st.type === 'chardev' || st.type === 'blockdev' ? `${(st.rdev ?? 0) >> 8}, ${(st.rdev ?? 0) & 0xff}` : o.h ? humanSize(st.size) : String(st.size);
          let name = shownName(e);
          if (st.type === 'symlink') {
            let target: string;
            try {
              target = ctx.fs.readlink(ctx.proc, e.path);
            } catch {
              target = '';
            }
            name += ` -> ${useColour ? colour(target, stat(e.path.replace(/[^/]*$/, '') + target) ?? stat(target)) : target}`;
          }
          return { ino: String(st.ino), blocks: String(Math.ceil(st.blocks / 2)), mode: modeString(st), links: String(st.nlink), owner, group, size, date: lsDate(st.mtimeMs, now), name };
        });
        const w = (k: keyof (typeof rows)[number]) => Math.max(0, ...rows.map((r) => r[k].length));
        let text = '';
        if (showTotal) {
          const blocks = entries.reduce((s, e) => s + (e.st?.blocks ?? 0), 0) / 2;
          text += `total ${o.h ? humanSize(blocks * 1024) : blocks}\n`;
        }
        for (const r of rows) {
          text += `${o.i ? r.ino.padStart(w('ino')) + ' ' : ''}${r.mode} ${r.links.padStart(w('links'))} ${r.owner.padEnd(w('owner'))} ${r.group.padEnd(w('group'))} ${r.size.padStart(w('size'))} ${r.date} ${r.name}\n`;
        }
        await ctx.out(text);
        return;
      }
      const names = entries.map((e) => (o.i ? `${e.st?.ino ?? '?'} ` : '') + shownName(e));
      const plainLen = entries.map((e) => (o.i ? `${e.st?.ino ?? '?'} `.length : 0) + e.name.length + indicator(e.st).length);
      if (oneper) {
        await ctx.out(names.map((n) => n + '\n').join(''));
        return;
      }
      await ctx.out(columns(names, plainLen, ctx.proc.tty?.cols ?? 80));
    };

    const listDir = async (path: string, header: boolean, first: boolean): Promise<void> => {
      let names: string[];
      try {
        names = ctx.fs.readdir(ctx.proc, path);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 2;
        await ctx.error(`cannot open directory '${path}': ${e.message}`);
        return;
      }
      if (!o.a && !o.A) names = names.filter((n) => !n.startsWith('.'));
      const join = (n: string) => (path.endsWith('/') ? path + n : `${path}/${n}`);
      let entries: Entry[] = names.map((n) => ({ name: n, path: join(n), st: stat(join(n)) }));
      if (o.a && !o.A) entries = [{ name: '.', path, st: stat(path) }, { name: '..', path: join('..'), st: stat(join('..')) }, ...entries];
      entries = sortEntries(entries);
      if (header) await ctx.out(`${first ? '' : '\n'}${path}:\n`);
      await render(entries, long);
      if (o.R) {
        for (const e of entries) {
          if (e.name === '.' || e.name === '..' || e.st?.type !== 'dir') continue;
          await listDir(e.path, true, false);
        }
      }
    };

    const operands = a.operands.length ? a.operands : ['.'];
    const files: Entry[] = [];
    const dirs: string[] = [];
    for (const p of operands) {
      let st: Stat | undefined;
      try {
        st = ctx.fs.lstat(ctx.proc, p);
        if (st.type === 'symlink' && !long && !o.d) {
          try {
            st = ctx.fs.stat(ctx.proc, p);
          } catch {
            // a dangling link is listed as the link itself
          }
        }
        if (st.type === 'symlink' && long && !o.d && p.endsWith('/')) st = ctx.fs.stat(ctx.proc, p);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 2;
        await ctx.error(`cannot access '${p}': ${e.message}`);
        continue;
      }
      if (st.type === 'dir' && !o.d) dirs.push(p);
      else files.push({ name: p, path: p, st: long ? ctx.fs.lstat(ctx.proc, p) : st });
    }
    if (files.length) await render(sortEntries(files), false);
    const headers = operands.length > 1 || !!o.R;
    let first = files.length === 0;
    for (const d of sortEntries(dirs.map((d) => ({ name: d, path: d, st: stat(d) }))).map((e) => e.path)) {
      await listDir(d, headers, first);
      first = false;
    }
    return status;
  },
};

/** GNU ls's column layout: as many columns as fit, filled top to bottom. */
function columns(names: string[], lengths: number[], width: number): string {
  if (names.length === 0) return '';
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const slice = lengths.slice(c * rows, (c + 1) * rows);
      if (slice.length) widths.push(Math.max(...slice) + 2);
    }
    const total = widths.reduce((s, w) => s + w, 0) - 2;
    if (total > width && cols > 1) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < widths.length; c++) {
        const i = c * rows + r;
        if (i >= names.length) continue;
        const last = c === widths.length - 1 || (c + 1) * rows + r >= names.length;
        line += last ? names[i] : names[i] + ' '.repeat(widths[c] - lengths[i]);
      }
      out += line + '\n';
    }
    return out;
  }
  return names.join('\n') + '\n';
}
