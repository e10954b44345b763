import type { Ctx, ProgramSpec } from './context';
import { humanSize } from './ls';
import { isSysError } from '../kernel/errors';

/** df [-h] [-T] [FILE]...: space on the mounted filesystems, in 1K blocks. */
export const df: ProgramSpec = {
  name: 'df',
  summary: 'report file system space usage',
  usage: 'df [OPTION]... [FILE]...',
  description: '  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)\n  -T, --print-type      print file system type\n  -a, --all             include pseudo, duplicate, inaccessible file systems',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ h: { short: 'h', long: 'human-readable' }, T: { short: 'T', long: 'print-type' }, a: { short: 'a', long: 'all' }, k: { short: 'k' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const mounts = ctx.fs.mounts;
    let status = 0;
    const chosen = [];
    if (a.operands.length) {
      for (const p of a.operands) {
        try {
          ctx.fs.stat(ctx.proc, p);
          chosen.push(ctx.fs.statfs(ctx.proc, p).mount);
        } catch (e) {
          if (!isSysError(e)) throw e;
          status = 1;
          await ctx.error(`${p}: ${e.message}`);
        }
      }
      if (chosen.length === 0) return status;
    } else {
      // Pseudo filesystems (no blocks) are left out unless -a asks for them.
      chosen.push(...mounts.filter((m) => a.opts.a || (m.backend.statfs?.().totalBytes ?? 0) > 0));
    }
    const f = (kb: number) => (a.opts.h ? (kb === 0 ? '0' : humanSize(kb * 1024)) : String(kb));
    const rows: string[][] = [];
    for (const m of chosen) {
      const s = m.backend.statfs?.() ?? { totalBytes: 0, usedBytes: 0, files: 0 };
      const total = Math.floor(s.totalBytes / 1024);
      const used = Math.ceil(s.usedBytes / 1024);
      const avail = Math.max(0, total - used);
      const pct = total ? `${Math.ceil((used / (used + avail)) * 100)}%` : '-';
      rows.push([m.source, ...(a.opts.T ? [m.backend.fsType] : []), f(total), f(used), f(avail), pct, m.path]);
    }
    const header = ['Filesystem', ...(a.opts.T ? ['Type'] : []), a.opts.h ? 'Size' : '1K-blocks', 'Used', a.opts.h ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
    // GNU df's minimum column widths (Filesystem 14, Type 4, the numbers 5, Use% 4).
    const minW = [14, ...(a.opts.T ? [4] : []), 5, 5, 5, 4, 0];
    const all = [header, ...rows];
    const widths = header.map((_, c) => Math.max(minW[c], ...all.map((r) => r[c].length)));
    const left = new Set([0, a.opts.T ? 1 : -1, header.length - 1]);
    const out = all.map((r) => r.map((v, c) => (c === r.length - 1 ? v : left.has(c) ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(' ')).join('\n') + '\n';
    await ctx.out(out);
    return status;
  },
};
