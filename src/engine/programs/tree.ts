import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

/** tree 2.1: a directory listed as a tree, with the `N directories, M files` summary (-a, -d, -L). */
export const tree: ProgramSpec = {
  name: 'tree',
  summary: 'list contents of directories in a tree-like format',
  usage: 'tree [-adL level] [directory ...]',
  onHost: false,
  async run(ctx: Ctx) {
    let all = false;
    let dirsOnly = false;
    let level = Infinity;
    const roots: string[] = [];
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === '-a') all = true;
      else if (a === '-d') dirsOnly = true;
      else if (a === '-L') {
        level = Number(ctx.args[++i]);
        if (!Number.isInteger(level) || level < 1) {
          await ctx.err('tree: Invalid level, must be greater than 0.\n');
          return 1;
        }
      } else if (a === '--version') {
        await ctx.out('tree v2.1.0 © 1996 - 2022 by Steve Baker, Thomas Moore, Francesc Rocher, Florian Sesser, Kyosuke Tokoro\n');
        return 0;
      } else if (a.startsWith('-')) {
        await ctx.err(`tree: Invalid argument -\`${a.slice(1)}'.\nusage: tree [-acdfghilnpqrstuvxACDFJQNSUX] [-L level [-R]] [-H  baseHREF]\n`);
        return 1;
      } else roots.push(a);
    }
    if (!roots.length) roots.push('.');
    let dirs = 0;
    let files = 0;
    let out = '';
    const walk = (path: string, prefix: string, depth: number) => {
      let names: string[];
      try {
        names = ctx.fs.readdir(ctx.proc, path).filter((n) => all || !n.startsWith('.')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (e) {
        if (!isSysError(e)) throw e;
        return;
      }
      const entries = names.map((n) => {
        const p = path === '/' ? `/${n}` : `${path}/${n}`;
        const st = ctx.fs.lstat(ctx.proc, p);
        let isDir = st.type === 'dir';
        let label = n;
        if (st.type === 'symlink') {
          label = `${n} -> ${ctx.fs.readlink(ctx.proc, p)}`;
          try {
            isDir = ctx.fs.stat(ctx.proc, p).type === 'dir';
          } catch {
            isDir = false;
          }
        }
        return { n, p, isDir, label, link: st.type === 'symlink' };
      }).filter((e) => !dirsOnly || e.isDir);
      entries.forEach((e, i) => {
        const last = i === entries.length - 1;
        out += `${prefix}${last ? '└── ' : '├── '}${e.label}\n`;
        if (e.isDir) {
          dirs++;
          if (!e.link && depth < level) walk(e.p, prefix + (last ? '    ' : '│   '), depth + 1);
        } else files++;
      });
    };
    let status = 0;
    for (const r of roots) {
      let st;
      try {
        st = ctx.fs.stat(ctx.proc, r);
      } catch (e) {
        if (!isSysError(e)) throw e;
        out += `${r}  [error opening dir]\n`;
        status = 2;
        continue;
      }
      out += `${r}\n`;
      if (st.type === 'dir') walk(r, '', 1);
    }
    out += `\n${dirs} director${dirs === 1 ? 'y' : 'ies'}${dirsOnly ? '' : `, ${files} file${files === 1 ? '' : 's'}`}\n`;
    await ctx.out(out);
    return status;
  },
};
