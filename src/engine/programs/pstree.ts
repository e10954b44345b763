import type { Ctx, ProgramSpec } from './context';
import { readProcs, type ProcInfo } from './lib/procinfo';
import { readPasswd } from './lib/users';

/** The connectors pstree draws with: psmisc's sym_ascii and sym_utf. */
interface Symbols {
  empty: string;
  branch: string;
  vert: string;
  last: string;
  single: string;
  first: string;
}
const ASCII: Symbols = { empty: '  ', branch: '|-', vert: '| ', last: '`-', single: '---', first: '-+-' };
const UTF8: Symbols = { empty: '  ', branch: '├─', vert: '│ ', last: '└─', single: '───', first: '─┬─' };

/** A process in the tree. */
interface Node {
  info: ProcInfo;
  children: Node[];
}

/** psmisc's tree_equal(): same name and identically shaped children. */
function treeEqual(a: Node, b: Node): boolean {
  if (a.info.comm !== b.info.comm) return false;
  if (a.children.length !== b.children.length) return false;
  return a.children.every((c, i) => treeEqual(c, b.children[i]));
}

/** Options that change how the tree is drawn. */
interface DrawOpts {
  sym: Symbols;
  pids: boolean;
  args: boolean;
  compact: boolean;
}

/** psmisc's dump_tree(), writing into `out` one line at a time. */
function dumpTree(node: Node, o: DrawOpts): string[] {
  const lines: string[] = [];
  let line = '';
  const width: number[] = [];
  const more: boolean[] = [];
  const newline = () => {
    lines.push(line);
    line = '';
  };
  const dump = (cur: Node, level: number, rep: number, leaf: boolean, last: boolean, closing: number) => {
    if (!leaf) {
      for (let lvl = 0; lvl < level; lvl++) {
        line += ' '.repeat(width[lvl] + 1);
        line += lvl === level - 1 ? (last ? o.sym.last : o.sym.branch) : more[lvl + 1] ? o.sym.vert : o.sym.empty;
      }
    }
    let add = 0;
    if (rep >= 2) {
      const r = `${rep}*[`;
      line += r;
      add = r.length;
    }
    const name = cur.info.comm;
    line += name;
    const extra = o.pids ? `(${cur.info.pid})` : '';
    line += extra;
    if (o.args) {
      const rest = cur.info.args.slice(1);
      if (rest.length) line += ' ' + rest.join(' ');
    }
    if (o.args || cur.children.length === 0) {
      line += ']'.repeat(closing);
      newline();
    }
    more[level] = !last;
    if (o.args) {
      width[level] = 1 + (name.length > 1 ? 0 : -1);
      cur.children.forEach((c, i) => dump(c, level + 1, 1, false, i === cur.children.length - 1, 0));
      return;
    }
    width[level] = name.length + extra.length + add;
    const kids = [...cur.children];
    let first = true;
    for (let i = 0; i < kids.length; i++) {
      const walk = kids[i];
      let count = 0;
      if (o.compact) {
        for (let j = i + 1; j < kids.length; ) {
          if (treeEqual(walk, kids[j])) {
            kids.splice(j, 1);
            count++;
          } else j++;
        }
      }
      const hasNext = i < kids.length - 1;
      if (first) {
        line += hasNext ? o.sym.first : o.sym.single;
        first = false;
      }
      dump(walk, level + 1, count + 1, i === 0, !hasNext, closing + (count ? 1 : 0));
    }
  };
  dump(node, 0, 1, true, true, 0);
  if (line) newline();
  return lines;
}

/**
 * pstree [-acnplAU] [PID|USER]: the process tree from /proc (psmisc 23.6). Children are sorted by
 * name (or by PID with -n), identical subtrees fold into `N*[name]` unless -c, -p or -a.
 * @sim partial: no -g, -s, -u, -h, -N, -S; long lines are cut at the terminal width (132 off a terminal).
 */
export const pstree: ProgramSpec = {
  name: 'pstree',
  summary: 'display a tree of processes',
  usage: 'pstree [-acglnpsStTuZ] [ -h | -H PID ] [ -n | -N type ] [ -A | -G | -U ] [ PID | USER ]',
  description: 'Display a tree of processes.\n\n  -a, --arguments     show command line arguments\n  -A, --ascii         use ASCII line drawing characters\n  -c, --compact-not   don\'t compact identical subtrees\n  -l, --long          don\'t truncate long lines\n  -n, --numeric-sort  sort output by PID\n  -p, --show-pids     show PIDs; implies -c\n  -U, --unicode       use UTF-8 (Unicode) line drawing characters',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      a: { short: 'a', long: 'arguments' }, A: { short: 'A', long: 'ascii' }, c: { short: 'c', long: 'compact-not' }, G: { short: 'G', long: 'vt100' },
      l: { short: 'l', long: 'long' }, n: { short: 'n', long: 'numeric-sort' }, p: { short: 'p', long: 'show-pids' }, U: { short: 'U', long: 'unicode' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const procs = readProcs(ctx);
    const nodes = new Map<number, Node>(procs.map((p) => [p.pid, { info: p, children: [] }]));
    for (const n of nodes.values()) nodes.get(n.info.ppid)?.children.push(n);
    for (const n of nodes.values()) {
      n.children.sort((x, y) => (a.opts.n ? x.info.pid - y.info.pid : x.info.comm < y.info.comm ? -1 : x.info.comm > y.info.comm ? 1 : x.info.uid - y.info.uid || x.info.pid - y.info.pid));
    }
    let roots: Node[];
    const target = a.operands[0];
    if (target === undefined) roots = nodes.has(1) ? [nodes.get(1)!] : [];
    else if (/^\d+$/.test(target)) roots = nodes.has(Number(target)) ? [nodes.get(Number(target))!] : [];
    else {
      const u = readPasswd(ctx).find((x) => x.name === target);
      if (!u) {
        await ctx.err(`pstree: No such user name: ${target}\n`);
        return 1;
      }
      // Each topmost process of the user, whose parent belongs to someone else.
      roots = [...nodes.values()].filter((n) => n.info.uid === u.uid && nodes.get(n.info.ppid)?.info.uid !== u.uid);
    }
    if (roots.length === 0) return 1;
    const lang = ctx.env.LC_ALL || ctx.env.LC_CTYPE || ctx.env.LANG || '';
    const utf = a.opts.U || (!a.opts.A && !a.opts.G && ctx.isatty(1) && /utf-?8/i.test(lang));
    const opts: DrawOpts = { sym: utf ? UTF8 : ASCII, pids: !!a.opts.p, args: !!a.opts.a, compact: !a.opts.c && !a.opts.p && !a.opts.a };
    const width = a.opts.l ? Infinity : ctx.isatty(1) ? ctx.proc.tty?.cols ?? 80 : 132;
    const lines = roots.flatMap((r) => dumpTree(r, opts));
    await ctx.out(lines.map((l) => truncate(l, width) + '\n').join(''));
    return 0;
  },
};

/** psmisc's out_char() cut: one character over the width still shows, more become `+`. */
function truncate(line: string, width: number): string {
  const chars = [...line];
  if (chars.length <= width + 1) return line;
  return chars.slice(0, width).join('') + '+';
}
