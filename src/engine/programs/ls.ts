import type { Ctx, ProgramSpec } from './context';
import type { Stat } from '../vfs/backend';
import { isSysError } from '../kernel/errors';
import { modeString } from './lib/mode';
import { groupName, userName } from './lib/users';

/** GNU ls's "six months": half of a Gregorian year, in ms. */
const SIX_MONTHS = (31556952 / 2) * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ls -l's date column: `Nov 22 11:02` for recent files, `Nov 22  2025` for old or future ones. */
export function lsDate(ms: number, now: number): string {
  const d = new Date(ms);
  const day = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  // GNU calls a time recent when it lies in the last six months and not in the future.
  if (now - ms >= SIX_MONTHS || ms > now) return `${day}  ${d.getUTCFullYear()}`;
  return `${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** Sizes as `-h` prints them (powers of 1024, rounded up, one decimal below 10): 4.0K, 12K, 1.2M. */
export function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = 'KMGTPE';
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const tenths = Math.ceil(v * 10 - 1e-9) / 10;
  if (tenths < 10) return tenths.toFixed(1) + units[u];
  const whole = Math.ceil(v - 1e-9);
  if (whole >= 1024 && u < units.length - 1) return '1.0' + units[u + 1];
  return String(whole) + units[u];
}

/**
 * The colour code ls gives a file with its built-in defaults (no LS_COLORS): directories bold
 * blue, links bold cyan, executables bold green, devices bold yellow, and the special-bit cases.
 */
function colourCode(st: Stat | undefined): string {
  if (!st) return '';
  switch (st.type) {
    case 'dir':
      if (st.mode & 0o1000 && st.mode & 0o002) return '30;42';
      if (st.mode & 0o002) return '34;42';
      if (st.mode & 0o1000) return '37;44';
      return '01;34';
    case 'symlink': return '01;36';
    case 'chardev': case 'blockdev': return '01;33';
    case 'fifo': return '33';
    case 'socket': return '01;35';
    default:
      if (st.mode & 0o4000) return '37;41';
      if (st.mode & 0o2000) return '30;43';
      return st.mode & 0o111 ? '01;32' : '';
  }
}

interface Entry {
  name: string;
  path: string;
  st?: Stat;
}

const WHEN_ALWAYS = ['always', 'yes', 'force'];
const WHEN_NEVER = ['never', 'no', 'none'];
const WHEN_AUTO = ['auto', 'tty', 'if-tty'];

/** ls [-laAdhR1FitrSns] [--color[=WHEN]] [FILE]... */
export const ls: ProgramSpec = {
  name: 'ls',
  summary: 'list directory contents',
  usage: 'ls [OPTION]... [FILE]...',
  usageStatus: 2,
  description: 'List information about the FILEs (the current directory by default).\nSort entries alphabetically if none of -tSU is specified.\n\n  -a, --all             do not ignore entries starting with .\n  -A, --almost-all      do not list implied . and ..\n  -C                    list entries by columns\n  -d, --directory       list directories themselves, not their contents\n  -F, --classify        append indicator (one of */=>@|) to entries\n  -h, --human-readable  with -l and -s, print sizes like 1K 234M 2G etc.\n  -i, --inode           print the index number of each file\n  -l                    use a long listing format\n  -n, --numeric-uid-gid like -l, but list numeric user and group IDs\n  -r, --reverse         reverse order while sorting\n  -R, --recursive       list subdirectories recursively\n  -s, --size            print the allocated size of each file, in blocks\n  -S                    sort by file size, largest first\n  -t                    sort by time, newest first\n  -U                    do not sort; list entries in directory order\n  -w, --width=COLS      set output width to COLS.  0 means no limit\n  -1                    list one file per line\n      --color[=WHEN]    color the output WHEN (always, auto, never)\n\nExit status:\n 0  if OK,\n 1  if minor problems (e.g., cannot access subdirectory),\n 2  if serious trouble (e.g., cannot access command-line argument).',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      a: { short: 'a', long: 'all' }, A: { short: 'A', long: 'almost-all' }, d: { short: 'd', long: 'directory' }, F: { short: 'F', long: 'classify' },
      h: { short: 'h', long: 'human-readable' }, i: { short: 'i', long: 'inode' }, l: { short: 'l' }, n: { short: 'n', long: 'numeric-uid-gid' },
      r: { short: 'r', long: 'reverse' }, R: { short: 'R', long: 'recursive' }, S: { short: 'S' }, t: { short: 't' }, one: { short: '1' },
      C: { short: 'C' }, color: { long: 'color', value: true, optionalValue: true }, U: { short: 'U' }, s: { short: 's', long: 'size' },
      w: { short: 'w', long: 'width', value: true },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 2;
    const o = a.opts;
    const long = !!(o.l || o.n);
    const when = o.color === true ? 'always' : (o.color as string | undefined) ?? 'never';
    if (![...WHEN_ALWAYS, ...WHEN_NEVER, ...WHEN_AUTO].includes(when)) {
      // argmatch's report; ls exits with 1 here, not 2 (usage(EXIT_FAILURE)).
      await ctx.err(`ls: invalid argument ‘${when}’ for ‘--color’\nValid arguments are:\n  - ‘always’, ‘yes’, ‘force’\n  - ‘never’, ‘no’, ‘none’\n  - ‘auto’, ‘tty’, ‘if-tty’\nTry 'ls --help' for more information.\n`);
      return 1;
    }
    const tty = ctx.isatty(1);
    const useColour = WHEN_ALWAYS.includes(when) || (WHEN_AUTO.includes(when) && tty);
    let width = tty && ctx.proc.tty ? ctx.proc.tty.cols : Number(ctx.env.COLUMNS) > 0 ? Number(ctx.env.COLUMNS) : 80;
    if (typeof o.w === 'string') {
      if (!/^\d+$/.test(o.w)) {
        await ctx.err(`ls: invalid line width: ‘${o.w}’\n`);
        return 2;
      }
      width = Number(o.w) || Infinity;
    }
    const oneper = !long && (o.one || (!tty && !o.C));
    const now = ctx.kernel.clock.now();
    let status = 0;
    let usedColour = false;

    const stat = (p: string): Stat | undefined => {
      try {
        return ctx.fs.lstat(ctx.proc, p);
      } catch {
        return undefined;
      }
    };
    const byName = (x: Entry, y: Entry): number => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
    const sortEntries = (es: Entry[]): Entry[] => {
      if (o.U) return es;
      let cmp = byName;
      if (o.S) cmp = (x, y) => (y.st?.size ?? 0) - (x.st?.size ?? 0) || byName(x, y);
      else if (o.t) cmp = (x, y) => (y.st?.mtimeMs ?? 0) - (x.st?.mtimeMs ?? 0) || byName(x, y);
      const out = [...es].sort(cmp);
      return o.r ? out.reverse() : out;
    };
    const indicator = (st?: Stat) => {
      if (!o.F || !st) return '';
      if (st.type === 'dir') return '/';
      if (st.type === 'symlink') return '@';
      if (st.type === 'fifo') return '|';
      if (st.type === 'socket') return '=';
      return st.type === 'file' && st.mode & 0o111 ? '*' : '';
    };
    const paint = (name: string, st: Stat | undefined): string => {
      const code = useColour ? colourCode(st) : '';
      return code ? `\x1b[${code}m${name}\x1b[0m` : name;
    };
    // GNU emits one reset sequence before the first coloured name it writes.
    const emit = async (text: string) => {
      const at = usedColour ? -1 : text.indexOf('\x1b[');
      if (at >= 0) {
        usedColour = true;
        text = `${text.slice(0, at)}\x1b[0m${text.slice(at)}`;
      }
      await ctx.out(text);
    };
    const blocksOf = (st?: Stat) => (st ? Math.ceil(st.blocks / 2) : 0);
    const blockText = (st?: Stat) => (o.h ? humanSize(blocksOf(st) * 1024) : String(blocksOf(st)));

    const render = async (entries: Entry[], showTotal: boolean, widthOnly: Entry[] = []) => {
      let text = '';
      if (showTotal) {
        const kb = entries.reduce((s, e) => s + blocksOf(e.st), 0);
        text += `total ${o.h ? humanSize(kb * 1024) : kb}\n`;
      }
      if (long) {
        const rows = [...entries, ...widthOnly].map((e) => {
          const st = e.st!;
          const dev = st.type === 'chardev' || st.type === 'blockdev';
          // In long format a link's own name gets no `@`; its target gets the target's indicator.
          let name = paint(e.name, st) + (st.type === 'symlink' ? '' : indicator(st));
          if (st.type === 'symlink') {
            let target = '';
            try {
              target = ctx.fs.readlink(ctx.proc, e.path);
            } catch {
              // an unreadable link shows an empty target
            }
            // GNU looks at the target only when it needs its type (-F); otherwise it is plain.
            let tst: Stat | undefined;
            try {
              tst = o.F ? ctx.fs.stat(ctx.proc, e.path) : undefined;
            } catch {
              tst = undefined;
            }
            name = `${name} -> ${paint(target, tst)}${indicator(tst)}`;
          }
          return {
            ino: String(st.ino), blocks: blockText(st), mode: modeString(st), links: String(st.nlink),
            owner: o.n ? String(st.uid) : userName(ctx, st.uid), group: o.n ? String(st.gid) : groupName(ctx, st.gid),
            size: dev ? '' : o.h ? humanSize(st.size) : String(st.size),
            major: dev ? String((st.rdev ?? 0) >> 8) : '', minor: dev ? String((st.rdev ?? 0) & 0xff) : '',
            date: lsDate(st.mtimeMs, now), name,
          };
        });
        const w = (k: keyof (typeof rows)[number]) => Math.max(0, ...rows.map((r) => r[k].length));
        const majorW = w('major');
        const minorW = w('minor');
        const sizeW = Math.max(w('size'), rows.some((r) => r.major) ? majorW + 2 + minorW : 0);
        for (const r of rows.slice(0, entries.length)) {
          const size = r.major ? `${r.major.padStart(majorW)}, ${r.minor.padStart(minorW)}` : r.size;
          text += `${o.i ? r.ino.padStart(w('ino')) + ' ' : ''}${o.s ? r.blocks.padStart(w('blocks')) + ' ' : ''}${r.mode} ${r.links.padStart(w('links'))} ${r.owner.padEnd(w('owner'))} ${r.group.padEnd(w('group'))} ${size.padStart(sizeW)} ${r.date} ${r.name}\n`;
        }
        await emit(text);
        return;
      }
      const inoW = Math.max(0, ...entries.map((e) => String(e.st?.ino ?? '?').length));
      const blkW = Math.max(0, ...entries.map((e) => blockText(e.st).length));
      const prefix = (e: Entry) => (o.i ? `${String(e.st?.ino ?? '?').padStart(inoW)} ` : '') + (o.s ? `${blockText(e.st).padStart(blkW)} ` : '');
      const names = entries.map((e) => prefix(e) + paint(e.name, e.st) + indicator(e.st));
      const lengths = entries.map((e) => prefix(e).length + e.name.length + indicator(e.st).length);
      text += oneper ? names.map((n) => n + '\n').join('') : columns(names, lengths, width, useColour ? 0 : 8);
      await emit(text);
    };

    const listDir = async (path: string, header: boolean, first: boolean, commandLine: boolean): Promise<void> => {
      let names: string[];
      try {
        names = ctx.fs.readdir(ctx.proc, path);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = commandLine ? 2 : Math.max(status, 1);
        if (header) await ctx.out(`${first ? '' : '\n'}${path}:\n`);
        await ctx.error(`cannot open directory '${path}': ${e.message}`);
        return;
      }
      if (!o.a && !o.A) names = names.filter((n) => !n.startsWith('.'));
      const join = (n: string) => (path.endsWith('/') ? path + n : `${path}/${n}`);
      let entries: Entry[] = names.map((n) => ({ name: n, path: join(n), st: stat(join(n)) }));
      if (o.a && !o.A) entries = [{ name: '.', path, st: stat(path) }, { name: '..', path: join('..'), st: stat(join('..')) }, ...entries];
      entries = sortEntries(entries);
      if (header) await ctx.out(`${first ? '' : '\n'}${path}:\n`);
      await render(entries, long || !!o.s);
      if (o.R) {
        for (const e of entries) {
          if (e.name === '.' || e.name === '..' || e.st?.type !== 'dir') continue;
          await listDir(e.path, true, false, false);
        }
      }
    };

    // Command-line links to directories are followed unless the listing is about the links
    // themselves (-l, -d, -F), as GNU's DEREF_COMMAND_LINE_SYMLINK_TO_DIR says.
    const followArgs = !(long || o.d || o.F);
    const operands = a.operands.length ? a.operands : ['.'];
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const p of operands) {
      let st: Stat;
      try {
        st = ctx.fs.lstat(ctx.proc, p);
        if (st.type === 'symlink' && (followArgs || p.endsWith('/'))) {
          try {
            st = ctx.fs.stat(ctx.proc, p);
          } catch {
            // a dangling link is listed as the link itself
          }
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 2;
        await ctx.error(`cannot access '${p}': ${e.message}`);
        continue;
      }
      if (st.type === 'dir' && !o.d) dirs.push({ name: p, path: p, st });
      else files.push({ name: p, path: p, st });
    }
    // GNU sizes the columns of the file operands with the directory operands counted in too.
    if (files.length) await render(sortEntries(files), false, dirs);
    const headers = operands.length > 1 || !!o.R;
    let first = files.length === 0;
    for (const d of sortEntries(dirs)) {
      await listDir(d.path, headers, first, true);
      first = false;
    }
    return status;
  },
};

/** GNU's indent(): spaces, or tabs where a tab stop (every `tab` columns) is crossed. */
function indent(from: number, to: number, tab: number): string {
  let s = '';
  while (from < to) {
    if (tab && Math.floor(to / tab) > Math.floor((from + 1) / tab)) {
      s += '\t';
      from += tab - (from % tab);
    } else {
      s += ' ';
      from++;
    }
  }
  return s;
}

/**
 * GNU ls's vertical column layout: the most columns whose line stays shorter than `width`,
 * filled top to bottom, each column two wider than its longest name (tabs for the padding
 * unless colours are on).
 */
function columns(names: string[], lengths: number[], width: number, tab: number): string {
  const n = names.length;
  if (n === 0) return '';
  const maxCols = Math.max(1, Math.min(Number.isFinite(width) ? Math.floor(width / 3) : n, n));
  let best = { cols: 1, widths: [Math.max(...lengths)] };
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(n / cols);
    const widths: number[] = [];
    for (let i = 0; i < n; i++) {
      const idx = Math.floor(i / rows);
      const real = lengths[i] + (idx === cols - 1 ? 0 : 2);
      widths[idx] = Math.max(widths[idx] ?? 0, real);
    }
    if (widths.reduce((s, w) => s + w, 0) < width) best = { cols, widths };
  }
  const rows = Math.ceil(n / best.cols);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let pos = 0;
    let col = 0;
    for (let i = r; ; ) {
      const colW = best.widths[col++];
      out += names[i];
      const len = lengths[i];
      i += rows;
      if (i >= n) break;
      out += indent(pos + len, pos + colW, tab);
      pos += colW;
    }
    out += '\n';
  }
  return out;
}
